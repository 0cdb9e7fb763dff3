// Builds the one Fastify app: platform routes (health, metrics), the dashboard, and each enabled
// feature's routes. Listening and lifecycle live in runtime.ts.
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { dashboardRoutes } from '../dashboard/routes.js';
import type { DashboardModel } from '../dashboard/model.js';
import { isGsocError } from '../platform/errors.js';
import type { HealthRegistry } from '../platform/health/registry.js';
import { healthRoutes } from '../platform/http-server/health-routes.js';
import { requestMetrics } from '../platform/http-server/request-metrics.js';

export interface ServerDeps {
  logger: Logger;
  health: HealthRegistry;
  pingDatabase: () => Promise<void>;
  dashboard: () => Promise<DashboardModel>;
  /** Each enabled feature's routes (relay, portal, webhooks), registered after the platform's. */
  routes?: ReadonlyArray<(app: FastifyInstance) => Promise<void>>;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: 1024 * 1024,
    // Header sections to 64 KB reach the routes, so the relay answers its own 16 KB limit in its envelope.
    http: { maxHeaderSize: 64 * 1024 },
    // Behind a load balancer the operator sets trustProxy in a later version; default is direct.
    trustProxy: false,
  }) as unknown as FastifyInstance;

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], styleSrc: ["'self'"], scriptSrc: ["'self'"] },
    },
  });
  await app.register(requestMetrics);
  await app.register(healthRoutes, { health: deps.health, pingDatabase: deps.pingDatabase });
  await app.register(dashboardRoutes, { load: deps.dashboard });
  for (const register of deps.routes ?? []) await register(app);

  app.setNotFoundHandler(function notFound(req, reply) {
    reply.code(404).send({
      code: 'GSOC_SERVER_NOT_FOUND',
      message: `no route for ${req.method} ${req.url.split('?')[0]}`,
    });
  });

  app.setErrorHandler(function handleError(err, req, reply) {
    if (isGsocError(err)) {
      const level = err.actor === 'caller' ? 'info' : err.actor === 'remote' ? 'warn' : 'error';
      req.log[level]({ err: { code: err.code, message: err.message } }, 'request failed');
      reply.code(err.httpStatus).send(err.toJSON());
      return;
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      reply.code(status).send({ code: 'GSOC_SERVER_BAD_REQUEST', message: (err as Error).message });
      return;
    }
    req.log.error({ err }, 'unexpected error');
    reply.code(500).send({ code: 'GSOC_SERVER_INTERNAL', message: 'internal error; see the server log' });
  });

  return app;
}
