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
  /**
   * Whether /readyz names the dependencies and their errors (the operator listener) or answers the
   * status alone (the public one, for a load balancer: hosts and error messages are not for the internet).
   */
  detail: boolean;
}

type DatabaseState = { state: 'ok' } | { state: 'failing'; error: { code?: string; message: string } };

async function databaseState(ping: () => Promise<void>): Promise<DatabaseState> {
  try {
    await ping();
    return { state: 'ok' };
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown };
    return {
      state: 'failing',
      error: {
        ...(typeof err.code === 'string' ? { code: err.code } : {}),
        message: typeof err.message === 'string' ? err.message : 'database unavailable',
      },
    };
  }
}

export async function healthRoutes(app: FastifyInstance, opts: HealthRouteOptions): Promise<void> {
  app.get('/healthz', async function healthz() {
    return { status: 'ok' };
  });

  app.get('/readyz', async function readyz(_req, reply) {
    const database = await databaseState(opts.pingDatabase);
    const ready = database.state === 'ok';
    reply.code(ready ? 200 : 503);
    if (!opts.detail) return { status: ready ? 'ready' : 'not ready' };
    const dependencies = opts.health.statuses();
    const degraded = dependencies.some((d) => d.state === 'failing');
    return { status: ready ? (degraded ? 'degraded' : 'ready') : 'not ready', database, dependencies };
  });
}
