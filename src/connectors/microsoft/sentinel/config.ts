// The Sentinel connection's configuration keys (the lead embeds them under `[intel.sinks.sentinel]`):
// which upload API, its host, the workspace and the source name the indicators carry. Defaults sit
// here; `sentinelConnection` turns the parsed keys into the connection a client takes.
import { z } from 'zod';
import { httpsUrl } from '../../../platform/config/index.js';
import type { SentinelApi, SentinelConnection } from './types.js';

export const SENTINEL_APIS = ['stix-objects', 'upload-indicators'] as const;

/** Each API's public-cloud host (reference §3.2); national clouds set uploadBaseUrl. */
export const DEFAULT_UPLOAD_BASE_URLS: Readonly<Record<SentinelApi, string>> = {
  'stix-objects': 'https://api.ti.sentinel.azure.com',
  'upload-indicators': 'https://sentinelus.azure-api.net',
};

export const sentinelConnectionSchema = z
  .object({
    /**
     * `stix-objects` (the STIX objects upload API, 2024-02-01-preview) or `upload-indicators` (the
     * legacy Upload Indicators API v2, 2022-07-01, for workspaces not yet moved).
     */
    api: z.enum(SENTINEL_APIS).default('stix-objects'),
    /** The upload host; by default the public cloud's for the chosen API. */
    uploadBaseUrl: httpsUrl.optional(),
    /** The Log Analytics workspace ID (a GUID on the workspace's Overview page), not its name. */
    workspaceId: z.guid('expected the workspace ID, a GUID from the workspace Overview page'),
    /** Shown as the indicators' source in Sentinel; "Microsoft Sentinel" is reserved. */
    sourceSystem: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine(
        (s) => s.toLowerCase() !== 'microsoft sentinel',
        'the source name "Microsoft Sentinel" is reserved',
      )
      .default('graphsoc'),
  })
  .strict();

export type SentinelConnectionConfig = z.input<typeof sentinelConnectionSchema>;

export function sentinelConnection(cfg: z.output<typeof sentinelConnectionSchema>): SentinelConnection {
  return {
    api: cfg.api,
    uploadBaseUrl: cfg.uploadBaseUrl ?? DEFAULT_UPLOAD_BASE_URLS[cfg.api],
    workspaceId: cfg.workspaceId.toLowerCase(),
    sourceSystem: cfg.sourceSystem,
  };
}
