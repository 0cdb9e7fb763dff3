// Archer additions to the /_emulator control API: seed data, session idle timeout, forced session
// expiry and strict validation.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { badRequest as BadRequestFn } from '../shared/control.js';
import { archerSeedSchema, type ArcherSeed } from './seed-schema.js';

export interface ArcherControlTarget {
  seed(data: ArcherSeed): void;
  setSessionIdleTimeoutMs(ms: number): void;
  expireSessions(): number;
  setStrict(strict: boolean): void;
}

const timeoutBody = z.object({ idleTimeoutMs: z.number().int().min(1).max(86_400_000) }).strict();
const strictBody = z.object({ strict: z.boolean() }).strict();

export function archerControlRoutes(target: ArcherControlTarget) {
  return (app: FastifyInstance, parse: typeof BadRequestFn): void => {
    app.post('/archer/seed', async (request, reply) => {
      const body = parse(archerSeedSchema, request.body, reply);
      if (body === undefined) return reply;
      try {
        target.seed(body);
      } catch (error) {
        return reply.code(400).send({ error: 'bad_request', message: (error as Error).message });
      }
      return reply.code(204).send();
    });
    app.put('/archer/sessions', async (request, reply) => {
      const body = parse(timeoutBody, request.body, reply);
      if (body === undefined) return reply;
      target.setSessionIdleTimeoutMs(body.idleTimeoutMs);
      return reply.code(204).send();
    });
    app.post('/archer/sessions/expire', async () => ({ expired: target.expireSessions() }));
    app.put('/archer/strict', async (request, reply) => {
      const body = parse(strictBody, request.body, reply);
      if (body === undefined) return reply;
      target.setStrict(body.strict);
      return reply.code(204).send();
    });
  };
}
