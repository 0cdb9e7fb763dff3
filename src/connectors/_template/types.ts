// Public types of the Example connector. Copy this folder to start a connector (CONTRIBUTING.md,
// "Adding a connector"): client.ts (base URL, auth, pipeline), resources/<thing>.ts (one per remote
// resource), schemas.ts (zod shapes of remote payloads), errors.ts, types.ts, index.ts (sole entry).
import type { ConnectorClientOptions } from '../../platform/http/index.js';

export interface ExampleConfig {
  /** https://api.example.com */
  baseUrl: string;
  apiKey: string;
  /** Extra CA file for a TLS-inspecting proxy. */
  caFile?: string;
}

/** Per-deployment tuning (every field has a default and a bound in platform/http); set `limits` to
 * keep within the API's documented rate limit, e.g. { ratePerSec: 5, concurrency: 4 }. */
export type ExampleClientOptions = ConnectorClientOptions;

export interface Widget {
  id: string;
  name: string;
}
