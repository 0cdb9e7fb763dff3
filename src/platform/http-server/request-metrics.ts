// Fastify plugin: counts served requests by route pattern (not raw URL, to bound label cardinality)
// and exposes the process registry at GET /metrics in Prometheus text format.
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
  app.get('/metrics', async function metrics(_req, reply) {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

// The counting hook must see every route, so this plugin is not encapsulated (what fastify-plugin
// does, without the extra dependency).
(requestMetrics as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
