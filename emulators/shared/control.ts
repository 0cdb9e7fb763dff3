// The /_emulator/* control API every emulator listener exposes: faults, request log, CA, latency, reset.
// No auth (a loopback test tool), but every body is validated with zod and answered 400 with the reason.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { controlRoutes, type ControlRoutes, oneOrMany, parseOr400 } from './control-routes.js';
import { type FaultStore, faultRuleSchema } from './faults.js';
import { describeError } from './https-server.js';
import type { RequestLog } from './request-log.js';

export interface ControlTarget {
  faults: FaultStore;
  log: RequestLog;
  caPem: string;
  setLatency(ms: number): void;
  reset(): Promise<void> | void;
}

/** Registers emulator-specific control routes on the same encapsulated context. */
export type ExtraControlRoutes = (routes: ControlRoutes) => void;

export const CONTROL_PREFIX = '/_emulator';

const latencyBody = z.object({ ms: z.number().int().min(0).max(600_000) }).strict();
const requestsQuery = z.object({
  host: z.string().optional(),
  since: z.coerce.number().int().min(0).optional(),
});

export function registerControlApi(
  app: FastifyInstance,
  target: ControlTarget,
  extra?: ExtraControlRoutes,
): void {
  void app.register(
    async function emulatorControl(scope) {
      scope.setErrorHandler(function controlErrors(error, _request, reply) {
        const { statusCode, message } = describeError(error);
        const status = Math.min(statusCode, 500);
        void reply.code(status).send({ error: status < 500 ? 'bad_request' : 'internal', message });
      });
      const routes = controlRoutes(scope);

      routes.body(
        'POST',
        '/faults',
        oneOrMany(faultRuleSchema),
        (body) => {
          const rules = Array.isArray(body) ? body : [body];
          return { ids: rules.map((r) => target.faults.add(r)) };
        },
        { status: 201 },
      );
      scope.get('/faults', async () => ({ value: target.faults.list() }));
      scope.delete('/faults', async (_request, reply) => {
        target.faults.clear();
        return reply.code(204).send();
      });
      scope.delete<{ Params: { id: string } }>('/faults/:id', async (request, reply) => {
        const removed = target.faults.remove(request.params.id);
        return reply.code(removed ? 204 : 404).send();
      });

      scope.get('/requests', async (request, reply) => {
        const q = parseOr400(requestsQuery, request.query, reply);
        if (q === undefined) return reply;
        return { value: target.log.list({ host: q.host, sinceSeq: q.since }) };
      });
      scope.delete('/requests', async (_request, reply) => {
        target.log.clear();
        return reply.code(204).send();
      });

      routes.body('PUT', '/latency', latencyBody, (body) => void target.setLatency(body.ms));

      scope.post('/reset', async (_request, reply) => {
        await target.reset();
        return reply.code(204).send();
      });

      scope.get('/ca.pem', async (_request, reply) =>
        reply.type('application/x-pem-file').send(target.caPem),
      );

      extra?.(routes);
    },
    { prefix: CONTROL_PREFIX },
  );
}
