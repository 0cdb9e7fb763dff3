// Mail additions to the /_emulator control API: seed mailboxes, deliver a message, read sent mail and the
// notification log, tune Outlook throttling and webhook timeouts, fire lifecycle events, expire things.
import { z } from 'zod';
import type { ControlRoutes } from '../shared/control-routes.js';
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
  return (routes: ControlRoutes): void => {
    routes.body('POST', '/mail', seedBody, (b) => {
      api.seedMail(b.tenantId ?? '', { mailboxes: b.mailboxes });
    });
    routes.body('POST', '/mail/deliver', deliverBody, (b) => api.deliverMail(b.tenantId, b.user, b.message), {
      status: 201,
    });
    routes.app.get('/mail/sent', async () => ({ value: api.sentMail() }));
    routes.app.get('/mail/notifications', async () => ({ value: api.mailNotifications() }));
    routes.body('PUT', '/mail/throttle', throttleBody, (b) => void api.setMailThrottle(b));
    routes.body('PUT', '/mail/settings', settingsBody, (b) => void api.setMailSettings(b));
    routes.body(
      'POST',
      '/mail/subscriptions/:id/lifecycle',
      lifecycleBody,
      async (b, params) => ({ delivered: (await api.fireMailLifecycle(params.id ?? '', b.event)) ?? null }),
      { failStatus: 404 },
    );
    routes.app.post<{ Params: { id: string } }>('/mail/subscriptions/:id/expire', async (request, reply) =>
      reply.code(api.expireMailSubscription(request.params.id) ? 204 : 404).send(),
    );
    routes.body('POST', '/mail/delta/expire', deltaBody, (b) => {
      api.expireMailDeltaTokens(b.tenantId, b.user);
    });
  };
}
