// graphsoc's relay with the real Graph Security module, against the Entra/Graph emulator and the
// Threat Response JWKS host emulator, on real ports. Seeded with the security test fixtures.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Emulators, startEmulators } from '../../../../emulators/index.js';
import { createLogger } from '../../../../src/platform/log.js';
import { relaySchema, startRelay } from '../../../../src/relay/index.js';
import type { RelayStatsSink } from '../../../../src/relay/stats/index.js';
import { securityFixtures } from '../../../emulators/graph-security-fixtures.js';
import { listenLoopback } from '../../../helpers/listen.js';
import { LogCapture } from '../../../helpers/log-capture.js';
import type { RelayAnswer } from '../../helpers.js';

export const ROLES = ['ThreatHunting.Read.All', 'SecurityAlert.Read.All', 'SecurityEvents.Read.All'];
/** WindowsDefenderATP application permissions the respond actions need (docs/relay.md). */
export const DEFENDER_ROLES = ['Machine.Read.All', 'Machine.Isolate', 'Machine.Scan', 'Ti.ReadWrite.All'];

export interface GraphSecurityHarness {
  url: string;
  emulators: Emulators;
  tenantId: string;
  app: { clientId: string; secret: string };
  log: LogCapture;
  token(claims?: Record<string, unknown>): Promise<string>;
  post(path: string, body: unknown, token?: string): Promise<RelayAnswer>;
  close(): Promise<void>;
}

export async function startGraphSecurityRelay(
  settings: Record<string, unknown> = {},
  opts: { roles?: string[]; defenderRoles?: string[]; latencyMs?: number; stats?: RelayStatsSink } = {},
): Promise<GraphSecurityHarness> {
  const emulators = await startEmulators({ entraGraph: { latencyMs: opts.latencyMs ?? 0 } });
  const eg = emulators.entraGraph;
  const tenantId = randomUUID();
  const app = { clientId: randomUUID(), secret: `secret-${randomUUID()}` };
  eg.addTenant({ id: tenantId, displayName: 'Relay tests' });
  eg.registerApp({
    tenantId,
    clientId: app.clientId,
    secrets: [app.secret],
    roles: { graph: opts.roles ?? ROLES, defender: opts.defenderRoles ?? DEFENDER_ROLES },
  });
  eg.seedSecurity(tenantId, securityFixtures(tenantId));
  const config = relaySchema.parse({
    enabled: true,
    // Tests run with every CTIM document validated, besides validating the answers themselves.
    checkAnswers: true,
    jwksHosts: [emulators.securexJwks.jwksHost],
    caFile: emulators.caPath,
    graphSecurity: {
      authorityHost: eg.loginUrl,
      graphBaseUrl: eg.graphUrl,
      graphScope: 'https://graph.microsoft.com/.default',
      defenderBaseUrl: eg.defenderUrl,
      defenderScope: 'https://api.securitycenter.microsoft.com/.default',
      caFile: emulators.caPath,
      ...settings,
    },
  });
  const log = new LogCapture();
  const server: FastifyInstance = Fastify();
  let url = '';
  const relay = startRelay({
    config,
    publicUrl: () => url,
    logger: createLogger({ level: 'debug', destination: log }),
    version: 'test',
    ...(opts.stats ? { stats: opts.stats } : {}),
  });
  await relay.register(server);
  url = await listenLoopback(server);
  const token = (claims: Record<string, unknown> = {}) =>
    emulators.securexJwks.sign({
      audience: url,
      claims: { tenant_id: tenantId, application_id: app.clientId, client_secret: app.secret, ...claims },
    });
  return {
    url,
    emulators,
    tenantId,
    app,
    log,
    token,
    async post(path, body, t) {
      const res = await fetch(`${url}/relay/graph-security${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t ?? (await token())}` },
        body: JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`relay answered HTTP ${res.status}`);
      return (await res.json()) as RelayAnswer;
    },
    async close() {
      await server.close();
      await relay.close();
      await emulators.close();
    },
  };
}
