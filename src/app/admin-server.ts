// Builds the admin listener's Fastify app: the operator console (sign-in, the overview, every
// feature's pages and actions, the guides), /metrics and the detailed /readyz. It stays apart from the
// internet-facing listener (server.ts), loopback by default (server.admin.host): the console needs a
// sign-in, /metrics and /readyz do not, and are for the monitoring on the operators' network.
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ConsoleOptions } from '../console/routes.js';
import { consoleRoutes } from '../console/routes.js';
import type { HealthRegistry } from '../platform/health/registry.js';
import { answerErrors } from '../platform/http-server/error-answers.js';
import { healthRoutes } from '../platform/http-server/health-routes.js';
import { metricsRoute, requestMetrics } from '../platform/http-server/request-metrics.js';
import { securityHeaders } from '../platform/http-server/security-headers.js';
import type { Config } from './config.js';

export interface AdminServerDeps {
  logger: Logger;
  health: HealthRegistry;
  pingDatabase: () => Promise<void>;
  console: ConsoleOptions & { register(app: FastifyInstance): Promise<void> };
  trustProxy?: Config['server']['trustProxy'];
}

export async function buildAdminServer(deps: AdminServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    // The console's forms are a few fields each.
    bodyLimit: 64 * 1024,
    trustProxy: deps.trustProxy ?? false,
  }) as unknown as FastifyInstance;

  await app.register(securityHeaders);
  await app.register(requestMetrics);
  await app.register(formbody);
  answerErrors(app);
  await app.register(healthRoutes, { health: deps.health, pingDatabase: deps.pingDatabase, detail: true });
  await app.register(metricsRoute);
  // Sign-in routes first: they are the only pages without a session.
  await deps.console.register(app);
  await app.register(consoleRoutes, deps.console);
  return app;
}
