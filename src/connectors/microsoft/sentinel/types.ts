// Public types of the Microsoft Sentinel threat-intelligence upload connector.
import type { ConnectorClientOptions } from '../../../platform/http/index.js';

export type SentinelApi = 'stix-objects' | 'upload-indicators';

export interface SentinelConnection {
  /** Host of the upload API, without a trailing slash. */
  uploadBaseUrl: string;
  /** Log Analytics workspace ID (GUID). */
  workspaceId: string;
  /** `sourcesystem` of every upload. */
  sourceSystem: string;
  api: SentinelApi;
}

/** One 429 the client met (and will wait out, unless it was the last allowed attempt). */
export interface ThrottleEvent {
  /** The wait Sentinel asked for, from its message (or a Retry-After header, if one came). */
  retryAfterMs: number | undefined;
  workspaceId: string;
}

export interface SentinelClientOptions extends ConnectorClientOptions {
  /** Told of every 429, so a run can count them. */
  onThrottled?: (event: ThrottleEvent) => void;
}

/** Per-record refusals of one upload, by index in the uploaded list; empty when all were accepted. */
export interface UploadResult {
  errors: Map<number, string[]>;
}
