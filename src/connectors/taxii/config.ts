// Schema of `[taxii]` in graphsoc.toml: one TAXII 2.1 server — its discovery or API root URL, the
// collections to read, Basic or bearer credentials, the page size, the first run's look-back and an
// extra CA. What becomes of the indicators is the intel feature's configuration.
import { z } from 'zod';
import { httpsUrl } from '../../platform/config/index.js';

export const taxiiSchema = z
  .object({
    /** The discovery URL (https://feed.example/taxii2/) or an API root URL (https://feed.example/api1/). */
    url: httpsUrl.optional(),
    /**
     * With a discovery URL: the API root to read, as a path on the same host (/api1/) or a URL there;
     * default the discovery's `default`.
     */
    apiRoot: z.string().min(1).max(500).optional(),
    /** The collections read, by id (the collections list shows them). */
    collectionIds: z.array(z.string().min(1).max(200)).max(100).default([]),
    /** HTTP Basic user, with `password`; or use `token`. */
    username: z.string().min(1).max(200).optional(),
    /** Set it through GRAPHSOC_TAXII_PASSWORD or passwordFile. */
    password: z.string().min(1).max(500).optional(),
    /** Bearer token instead of Basic; set it through GRAPHSOC_TAXII_TOKEN or tokenFile. */
    token: z.string().min(1).max(8192).optional(),
    /** Objects per page (TAXII `limit`); servers may send fewer. */
    pageSize: z.number().int().min(1).max(10_000).default(1000),
    /** How far back the first run reads (added_after = now − lookbackDays). */
    lookbackDays: z.number().int().min(1).max(3650).default(30),
    /** Extra CA certificate (PEM file) to trust for the TAXII server. */
    caFile: z.string().min(1).optional(),
  })
  .strict()
  .prefault({});

export type TaxiiConfig = z.infer<typeof taxiiSchema>;

/** Keys of `[taxii]` a feature that reads TAXII cannot do without. */
export const TAXII_REQUIRED = ['url', 'collectionIds'] as const;

/** What a feature declaring `[taxii]` lists in its secretPaths, so the secrets are redacted in logs. */
export const TAXII_SECRET_PATHS: ReadonlyArray<ReadonlyArray<string>> = [
  ['taxii', 'password'],
  ['taxii', 'token'],
];
