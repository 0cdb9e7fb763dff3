// Microsoft Defender for Endpoint API client on platform/http: base URL `<defenderBaseUrl>/api/`,
// app-only token for the securitycenter audience sent only to that host, typed Defender errors.
// Resources (resources/*.ts) build every path, each caller value one segment (platform/http safePath).
import type { TenantConfig } from '../../../platform/config/tenant.js';
import {
  type ConnectorRequest,
  connectorCall,
  createConnectorClient,
  type HttpClient,
  type JsonCalls,
  jsonCalls,
  systemClock,
  throttleWatchStep,
} from '../../../platform/http/index.js';
import { type TokenProvider, tokenAuth } from '../identity/index.js';
import { DefenderError, parseDefenderError } from './errors.js';
import { listMachines } from './resources/machines.js';
import type { DefenderClientOptions } from './types.js';

export type DefenderRequest = ConnectorRequest;

export interface DefenderClient extends JsonCalls<DefenderRequest> {
  readonly http: HttpClient;
  /** The only host tokens go to (defenderBaseUrl's). */
  readonly host: string;
  /**
   * Cheap credential, permission and reachability check: one machine (GET /api/machines?$top=1),
   * the cheapest documented read Machine.Read.All allows.
   */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function createDefenderClient(
  tenant: TenantConfig,
  tokens: TokenProvider,
  opts: DefenderClientOptions = {},
): DefenderClient {
  const root = new URL(`${tenant.defenderBaseUrl}/api/`);
  const http = createConnectorClient(
    {
      service: 'defender',
      baseUrl: root.href,
      caFile: tenant.caFile,
      auth: tokenAuth(tokens, 'defender', root.host),
      // Defender documents 100 calls a minute for actions and indicators; a few in flight is plenty.
      limits: { concurrency: 4 },
      errorParser: parseDefenderError,
      toError: (init) => new DefenderError(init),
      steps: opts.onThrottled
        ? [throttleWatchStep(root.host, opts.onThrottled, () => (opts.clock ?? systemClock).now())]
        : [],
    },
    opts,
  );
  const client: DefenderClient = {
    http,
    host: root.host,
    ...jsonCalls(http, connectorCall),
    ping: async () => {
      await listMachines(client, { top: 1 });
    },
    close: () => http.close(),
  };
  return client;
}
