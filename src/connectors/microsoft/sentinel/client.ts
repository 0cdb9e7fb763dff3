// Microsoft Sentinel threat-intelligence upload client on platform/http: the upload host of the chosen
// API, the tenant's app-only token for the Azure management audience sent only to that host, the
// 429 wait read from Sentinel's message (throttle.ts), typed Sentinel errors.
import type { TenantConfig } from '../../../platform/config/tenant.js';
import { createConnectorClient, type HttpClient } from '../../../platform/http/index.js';
import { type TokenProvider, tokenAuth } from '../identity/index.js';
import { parseSentinelError, SentinelError } from './errors.js';
import { pingUpload } from './resources/upload.js';
import { throttleStep } from './throttle.js';
import type { SentinelClientOptions, SentinelConnection } from './types.js';

export interface SentinelClient {
  readonly http: HttpClient;
  readonly connection: SentinelConnection;
  /** The only host tokens go to (uploadBaseUrl's). */
  readonly host: string;
  /**
   * Credential, role and reachability check. The upload APIs have no read, so it uploads nothing: a
   * request with an empty object list, which Sentinel answers 400 once the token, the workspace and
   * the role have passed (an assumption about the order of its checks, true of the emulator);
   * 401, 403 and 404 fail it with their typed error. It costs one request of the minute's 100.
   */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Sentinel allows 100 requests a minute; its 429 waits are up to a minute, so allow a few more tries. */
const DEFAULT_MAX_RETRIES = 6;

export function createSentinelClient(
  tenant: TenantConfig,
  tokens: TokenProvider,
  connection: SentinelConnection,
  opts: SentinelClientOptions = {},
): SentinelClient {
  const root = new URL(`${connection.uploadBaseUrl.replace(/\/+$/, '')}/`);
  const { onThrottled, ...rest } = opts;
  const clockNow = () => (opts.clock ?? Date).now();
  const http = createConnectorClient(
    {
      service: 'sentinel',
      baseUrl: root.href,
      caFile: tenant.caFile,
      auth: tokenAuth(tokens, 'management', root.host),
      steps: [throttleStep(connection.workspaceId, clockNow, onThrottled)],
      // Uploads of 100 objects at 100 requests a minute: two in flight keep the budget busy.
      limits: { concurrency: 2 },
      errorParser: parseSentinelError,
      toError: (init) => new SentinelError(init, connection.workspaceId),
    },
    { ...rest, retry: { maxRetries: DEFAULT_MAX_RETRIES, ...rest.retry } },
  );
  const client: SentinelClient = {
    http,
    connection,
    host: root.host,
    ping: () => pingUpload(client),
    close: () => http.close(),
  };
  return client;
}
