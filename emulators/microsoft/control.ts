// Entra + Graph additions to the /_emulator control API: apps, tenants, seed data, throttling, test tokens.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type badRequest as BadRequestFn, oneOrMany } from '../shared/control.js';
import type { EmulatorContext } from './context.js';
import { appSchema, applySeed, seedSchema, tenantSchema } from './seed.js';
import { RESOURCES } from '../identity/tokens.js';

const throttleBody = z.object({ capacity: z.number().min(1), refillPerSec: z.number().min(0) }).strict();
const tokenBody = z
  .object({
    tenantId: z.string().min(1),
    clientId: z.string().min(1),
    resource: z
      .string()
      .refine((r) => r in RESOURCES, 'unknown resource')
      .default('https://graph.microsoft.com'),
    roles: z.array(z.string()).optional(),
    lifetimeSec: z.number().int().min(1).optional(),
    offsetSec: z.number().int().optional(),
  })
  .strict();

export function entraGraphControlRoutes(ctx: EmulatorContext) {
  return (app: FastifyInstance, parse: typeof BadRequestFn): void => {
    app.post('/apps', async (request, reply) => {
      const body = parse(oneOrMany(appSchema)(request.body), request.body, reply);
      if (body === undefined) return reply;
      const apps = (Array.isArray(body) ? body : [body]).map((a) => ctx.state.registerApp(a));
      return reply
        .code(201)
        .send({ value: apps.map((a) => ({ tenantId: a.tenantId, clientId: a.clientId })) });
    });

    app.post('/tenants', async (request, reply) => {
      const body = parse(oneOrMany(tenantSchema)(request.body), request.body, reply);
      if (body === undefined) return reply;
      const tenants = (Array.isArray(body) ? body : [body]).map((t) => ctx.state.addTenant(t));
      return reply.code(201).send({ value: tenants });
    });

    app.post('/seed', async (request, reply) => {
      const body = parse(seedSchema, request.body, reply);
      if (body === undefined) return reply;
      try {
        applySeed(ctx.state, body);
      } catch (error) {
        return reply.code(400).send({ error: 'bad_request', message: (error as Error).message });
      }
      return reply.code(204).send();
    });

    app.put('/throttle', async (request, reply) => {
      const body = parse(throttleBody, request.body, reply);
      if (body === undefined) return reply;
      ctx.throttle.configure(body);
      return reply.code(204).send();
    });

    app.post('/tokens', async (request, reply) => {
      const body = parse(tokenBody, request.body, reply);
      if (body === undefined) return reply;
      const app = ctx.state.findApp(body.tenantId.toLowerCase(), body.clientId);
      const key = RESOURCES[body.resource] ?? 'graph';
      const accessToken = await ctx.signer.issue({
        tenantId: body.tenantId.toLowerCase(),
        clientId: body.clientId.toLowerCase(),
        appDisplayName: app?.displayName,
        resource: body.resource,
        roles: body.roles ?? app?.roles?.[key] ?? [],
        lifetimeSec: body.lifetimeSec ?? ctx.settings.tokenLifetimeSec,
        offsetSec: body.offsetSec,
      });
      return { token_type: 'Bearer', access_token: accessToken };
    });
  };
}
