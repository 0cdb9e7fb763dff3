// Schema of `[trustar]` in graphsoc.toml: the TruSTAR (Splunk Intelligence Management) API
// connection — address, API key and secret, the enclaves to read, the Client-Metatag and the page
// size. Windows, schedules and what becomes of the indicators are the intel feature's configuration.
import { z } from 'zod';
import { httpsUrl } from '../../platform/config/index.js';

/**
 * TruSTAR asks for a meaningful Client-Metatag and may deactivate credentials that send noise
 * (reference/threat-intel.md §2.2). It goes into an HTTP header, so printable ASCII only.
 */
const metatag = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[\x20-\x7e]+$/, 'expected printable ASCII (it is sent as the Client-Metatag header)');

export const trustarSchema = z
  .object({
    /** TruSTAR's address; the token is at <baseUrl>/oauth/token and the API under <baseUrl>/api/2.0. */
    baseUrl: httpsUrl.default('https://api.trustar.co'),
    /** From Station, Settings → API. */
    apiKey: z.string().min(1).max(200).optional(),
    /** Set it through GRAPHSOC_TRUSTAR_API_SECRET or apiSecretFile. */
    apiSecret: z.string().min(1).max(200).optional(),
    /** The enclaves read; every search names exactly these (or a subset a caller picks). */
    enclaveIds: z.array(z.guid()).max(100).default([]),
    /** Sent on every request as Client-Metatag, e.g. "graphsoc intel sync (Contoso SOC)". */
    clientMetatag: metatag.optional(),
    /** Observables per page; TruSTAR allows up to 1,000. */
    pageSize: z.number().int().min(1).max(1000).default(1000),
    /** Extra CA certificate (PEM file) to trust for TruSTAR, e.g. behind a TLS-inspecting proxy. */
    caFile: z.string().min(1).optional(),
  })
  .strict()
  .prefault({});

export type TrustarConfig = z.infer<typeof trustarSchema>;

/** Keys of `[trustar]` a feature that reads TruSTAR cannot do without. */
export const TRUSTAR_REQUIRED = ['apiKey', 'apiSecret', 'enclaveIds', 'clientMetatag'] as const;

/** What a feature declaring `[trustar]` lists in its secretPaths, so the secret is redacted in logs. */
export const TRUSTAR_SECRET_PATHS: ReadonlyArray<ReadonlyArray<string>> = [['trustar', 'apiSecret']];
