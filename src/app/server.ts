// Builds the public listener's Fastify app: what Threat Response and Microsoft Graph must reach from
// the internet (each enabled feature's routes: the relay, the Graph webhook) and the probes a load
// balancer needs. The operator pages are on the admin listener (admin-server.ts), a separate app, so
// no route can leak from one to the other. Listening and lifecycle live in runtime.ts.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { HealthRegistry } from '../platform/health/registry.js';
import { answerErrors } from '../platform/http-server/error-answers.js';
import { healthRoutes } from '../platform/http-server/health-routes.js';
import { requestMetrics } from '../platform/http-server/request-metrics.js';
import { securityHeaders } from '../platform/http-server/security-headers.js';
import type { Config } from './config.js';

export interface ServerDeps {
  logger: Logger;
  health: HealthRegistry;
  pingDatabase: () => Promise<void>;
  /** Each enabled feature's routes (relay, portal, webhooks), registered after the platform's. */
  routes?: ReadonlyArray<(app: FastifyInstance) => Promise<void>>;
  /** server.trustProxy: whether X-Forwarded-* from the peer count. Off by default: reached directly. */
  trustProxy?: Config['server']['trustProxy'];
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: 1024 * 1024,
    // Header sections to 64 KB reach the routes, so the relay answers its own 16 KB limit in its envelope.
    http: { maxHeaderSize: 64 * 1024 },
    trustProxy: deps.trustProxy ?? false,
  }) as unknown as FastifyInstance;

  await app.register(securityHeaders);
  await app.register(requestMetrics);
  // Status only: the dependency list and its errors are for operators (the admin listener's /readyz).
  await app.register(healthRoutes, { health: deps.health, pingDatabase: deps.pingDatabase, detail: false });
  for (const register of deps.routes ?? []) await register(app);
  // Set after the features' routes, as before: their own scopes keep the error handling they had.
  answerErrors(app);
  return app;
}
