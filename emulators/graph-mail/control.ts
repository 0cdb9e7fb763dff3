// Mail additions to the /_emulator control API: seed mailboxes, deliver a message, read sent mail and the
// notification log, tune Outlook throttling and webhook timeouts, fire lifecycle events, expire things.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { badRequest as BadRequestFn } from '../shared/control.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { mailHandle } from './handle.js';
import { mailboxSeedSchema, mailMessageSeedSchema } from './seed.js';

const seedBody = z
  .object({ tenantId: z.string().min(1).optional(), mailboxes: z.array(mailboxSeedSchema) })
  .strict();
const deliverBody = z
  .object({ tenantId: z.string().min(1), user: z.string().min(1), message: mailMessageSeedSchema })
  .strict();
const throttleBody = z
  .object({
    requests: z.number().int().min(1).optional(),
    windowSec: z.number().min(1).optional(),
    concurrent: z.number().int().min(1).optional(),
    processingMs: z.number().int().min(0).max(60_000).optional(),
  })
  .strict();
const settingsBody = z
  .object({
    validationTimeoutMs: z.number().int().min(1).optional(),
    notificationTimeoutMs: z.number().int().min(1).optional(),
    maxSubscriptionMinutes: z.number().int().min(1).optional(),
  })
  .strict();
const lifecycleBody = z
  .object({ event: z.enum(['reauthorizationRequired', 'missed', 'subscriptionRemoved']) })
  .strict();
const deltaBody = z.object({ tenantId: z.string().min(1), user: z.string().min(1) }).strict();

export function mailControlRoutes(ctx: EmulatorContext) {
  const api = mailHandle(ctx);
  return (app: FastifyInstance, parse: typeof BadRequestFn): void => {
    const attempt = <T>(fn: () => T) => {
      try {
        return { ok: true as const, value: fn() };
      } catch (error) {
        return { ok: false as const, message: (error as Error).message };
      }
    };
    app.post('/mail', async (request, reply) => {
      const body = parse(seedBody, request.body, reply);
      if (body === undefined) return reply;
      const r = attempt(() => api.seedMail(body.tenantId ?? '', { mailboxes: body.mailboxes }));
      return r.ok
        ? reply.code(204).send()
        : reply.code(400).send({ error: 'bad_request', message: r.message });
    });
    app.post('/mail/deliver', async (request, reply) => {
      const body = parse(deliverBody, request.body, reply);
      if (body === undefined) return reply;
      const r = attempt(() => api.deliverMail(body.tenantId, body.user, body.message));
      return r.ok
        ? reply.code(201).send(r.value)
        : reply.code(400).send({ error: 'bad_request', message: r.message });
    });
    app.get('/mail/sent', async () => ({ value: api.sentMail() }));
    app.get('/mail/notifications', async () => ({ value: api.mailNotifications() }));
    app.put('/mail/throttle', async (request, reply) => {
      const body = parse(throttleBody, request.body, reply);
      if (body === undefined) return reply;
      api.setMailThrottle(body);
      return reply.code(204).send();
    });
    app.put('/mail/settings', async (request, reply) => {
      const body = parse(settingsBody, request.body, reply);
      if (body === undefined) return reply;
      api.setMailSettings(body);
      return reply.code(204).send();
    });
    app.post<{ Params: { id: string } }>('/mail/subscriptions/:id/lifecycle', async (request, reply) => {
      const body = parse(lifecycleBody, request.body, reply);
      if (body === undefined) return reply;
      try {
        const record = await api.fireMailLifecycle(request.params.id, body.event);
        return reply.code(200).send({ delivered: record ?? null });
      } catch (error) {
        return reply.code(404).send({ error: 'not_found', message: (error as Error).message });
      }
    });
    app.post<{ Params: { id: string } }>('/mail/subscriptions/:id/expire', async (request, reply) =>
      reply.code(api.expireMailSubscription(request.params.id) ? 204 : 404).send(),
    );
    app.post('/mail/delta/expire', async (request, reply) => {
      const body = parse(deltaBody, request.body, reply);
      if (body === undefined) return reply;
      const r = attempt(() => api.expireMailDeltaTokens(body.tenantId, body.user));
      return r.ok
        ? reply.code(204).send()
        : reply.code(400).send({ error: 'bad_request', message: r.message });
    });
  };
}
