// Liveness and readiness: /healthz says the process answers; /readyz checks the database now and
// reports the outside dependencies from the background prober.
// Only the database decides readiness: when Microsoft is down, every instance is equally affected
// and taking them all out of the load balancer would turn partial errors into a total outage.
import type { FastifyInstance } from 'fastify';
import type { HealthRegistry } from '../health/registry.js';

export interface HealthRouteOptions {
  health: HealthRegistry;
  /** Resolves when the database answers; throws otherwise. */
  pingDatabase: () => Promise<void>;
}

export async function healthRoutes(app: FastifyInstance, opts: HealthRouteOptions): Promise<void> {
  app.get('/healthz', async function healthz() {
    return { status: 'ok' };
  });

  app.get('/readyz', async function readyz(_req, reply) {
    let database: { state: 'ok' } | { state: 'failing'; error: { code?: string; message: string } };
    try {
      await opts.pingDatabase();
      database = { state: 'ok' };
    } catch (e) {
      const err = e as { code?: unknown; message?: unknown };
      database = {
        state: 'failing',
        error: {
          ...(typeof err.code === 'string' ? { code: err.code } : {}),
          message: typeof err.message === 'string' ? err.message : 'database unavailable',
        },
      };
    }
    const dependencies = opts.health.statuses();
    const ready = database.state === 'ok';
    const degraded = dependencies.some((d) => d.state === 'failing');
    reply.code(ready ? 200 : 503);
    return { status: ready ? (degraded ? 'degraded' : 'ready') : 'not ready', database, dependencies };
  });
}
