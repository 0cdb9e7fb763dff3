// Security additions to the /_emulator control API: seed alerts/incidents/legacy alerts (or generate
// synthetic ones) per tenant, and tune the advanced hunting call quota.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { badRequest as BadRequestFn } from '../shared/control.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { applySecuritySeed, securitySeedSchema } from './seed.js';

const throttleBody = z.object({ capacity: z.number().min(1), refillPerSec: z.number().min(0) }).strict();

export function securityControlRoutes(ctx: EmulatorContext) {
  return (app: FastifyInstance, parse: typeof BadRequestFn): void => {
    app.post('/security', async (request, reply) => {
      const body = parse(securitySeedSchema, request.body, reply);
      if (body === undefined) return reply;
      try {
        applySecuritySeed(ctx.state, body);
      } catch (error) {
        return reply.code(400).send({ error: 'bad_request', message: (error as Error).message });
      }
      return reply.code(204).send();
    });

    app.put('/security/hunting-throttle', async (request, reply) => {
      const body = parse(throttleBody, request.body, reply);
      if (body === undefined) return reply;
      ctx.state.security.huntingThrottle.configure(body);
      return reply.code(204).send();
    });
  };
}
