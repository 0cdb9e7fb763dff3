// Builds the admin listener's Fastify app: the operator pages (the dashboard, its assets and guides,
// /metrics and the detailed /readyz). They need no sign-in, so they live on their own listener,
// loopback by default (server.admin.host), apart from the internet-facing one (server.ts).
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { DashboardModel } from '../console/model.js';
import { dashboardRoutes } from '../console/routes.js';
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
  dashboard: () => Promise<DashboardModel>;
  trustProxy?: Config['server']['trustProxy'];
}

export async function buildAdminServer(deps: AdminServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    // The operator pages take no request bodies.
    bodyLimit: 64 * 1024,
    trustProxy: deps.trustProxy ?? false,
  }) as unknown as FastifyInstance;

  await app.register(securityHeaders);
  await app.register(requestMetrics);
  answerErrors(app);
  await app.register(healthRoutes, { health: deps.health, pingDatabase: deps.pingDatabase, detail: true });
  await app.register(metricsRoute);
  await app.register(dashboardRoutes, { load: deps.dashboard });
  return app;
}
