// Counts served requests by route pattern (not raw URL, to bound label cardinality) on whichever
// listener they reach, and exposes the process registry in Prometheus text format (on the operator
// listener only: it tells anyone who can read it what graphsoc talks to).
import type { FastifyInstance } from 'fastify';
import { httpRequests, registry } from '../metrics.js';

export async function requestMetrics(app: FastifyInstance): Promise<void> {
  app.addHook('onResponse', async function countRequest(req, reply) {
    httpRequests.inc({
      method: req.method,
      route: req.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    });
  });
}

// The counting hook must see every route, so this plugin is not encapsulated (what fastify-plugin
// does, without the extra dependency).
(requestMetrics as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export async function metricsRoute(app: FastifyInstance): Promise<void> {
  app.get('/metrics', async function metrics(_req, reply) {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
