// The /_emulator/* control API every emulator listener exposes: faults, request log, CA, latency, reset.
// No auth (a loopback test tool), but every body is validated with zod and answered 400 with the reason.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
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
export type ExtraControlRoutes = (app: FastifyInstance, reply400: typeof badRequest) => void;

export const CONTROL_PREFIX = '/_emulator';

/** Parses with zod; on failure answers 400 and returns undefined. */
export function badRequest<T>(schema: z.ZodType<T>, value: unknown, reply: FastifyReply): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
  void reply.code(400).send({ error: 'bad_request', message });
  return undefined;
}

/** One object or a list of them; picked by shape so zod reports the real problem, not "invalid union". */
export function oneOrMany<T extends z.ZodType>(schema: T) {
  const many = z.array(schema).min(1).max(100);
  return (value: unknown) =>
    (Array.isArray(value) ? many : schema) as z.ZodType<z.output<T> | Array<z.output<T>>>;
}

const faultsBody = oneOrMany(faultRuleSchema);
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

      scope.post('/faults', async (request, reply) => {
        const body = badRequest(faultsBody(request.body), request.body, reply);
        if (body === undefined) return reply;
        const rules = Array.isArray(body) ? body : [body];
        const ids = rules.map((r) => target.faults.add(r));
        return reply.code(201).send({ ids });
      });
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
        const q = badRequest(requestsQuery, request.query, reply);
        if (q === undefined) return reply;
        return { value: target.log.list({ host: q.host, sinceSeq: q.since }) };
      });
      scope.delete('/requests', async (_request, reply) => {
        target.log.clear();
        return reply.code(204).send();
      });

      scope.put('/latency', async (request, reply) => {
        const body = badRequest(latencyBody, request.body, reply);
        if (body === undefined) return reply;
        target.setLatency(body.ms);
        return reply.code(204).send();
      });

      scope.post('/reset', async (_request, reply) => {
        await target.reset();
        return reply.code(204).send();
      });

      scope.get('/ca.pem', async (_request, reply) =>
        reply.type('application/x-pem-file').send(target.caPem),
      );

      extra?.(scope, badRequest);
    },
    { prefix: CONTROL_PREFIX },
  );
}
