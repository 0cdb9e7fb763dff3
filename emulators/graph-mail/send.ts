// POST /users/{id}/sendMail: records what was sent (tests read it through sentMail()), saves a copy in
// Sent Items unless saveToSentItems is false, and delivers to recipients whose mailbox is in the tenant.
// https://learn.microsoft.com/graph/api/user-sendmail
import { z } from 'zod';
import { badRequest } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import { deliver } from './deliver.js';
import { buildMime } from './mime-build.js';
import { MAIL_SEND, mailRoute } from './mailbox-route.js';

const recipient = z.object({
  emailAddress: z.object({ address: z.string().min(3), name: z.string().optional() }).loose(),
});
const attachment = z
  .object({
    '@odata.type': z.literal('#microsoft.graph.fileAttachment'),
    name: z.string().min(1),
    contentType: z.string().optional(),
    contentBytes: z.string(),
  })
  .loose();
const sendBody = z.object({
  message: z
    .object({
      subject: z.string().optional(),
      body: z
        .object({ contentType: z.enum(['text', 'html', 'Text', 'HTML']), content: z.string() })
        .optional(),
      toRecipients: z.array(recipient).optional(),
      ccRecipients: z.array(recipient).optional(),
      bccRecipients: z.array(recipient).optional(),
      attachments: z.array(attachment).optional(),
      internetMessageId: z.string().optional(),
    })
    .loose(),
  saveToSentItems: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
});

export const mailSendRoutes: GraphRoute[] = [
  mailRoute('POST', '/sendMail', MAIL_SEND, (m) => {
    const parsed = sendBody.safeParse(m.call.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return badRequest(
        m.call,
        `Invalid request: ${issue?.path.join('.')}: ${issue?.message}`,
        'ErrorInvalidRequest',
      );
    }
    const { message } = parsed.data;
    const to = (message.toRecipients ?? []).map((r) => r.emailAddress);
    const cc = (message.ccRecipients ?? []).map((r) => r.emailAddress);
    const bcc = (message.bccRecipients ?? []).map((r) => r.emailAddress);
    if (to.length + cc.length + bcc.length === 0)
      return badRequest(
        m.call,
        'At least one recipient is not valid., Recipient is missing.',
        'ErrorInvalidRecipients',
      );
    const now = new Date();
    const mime = buildMime({
      from: { name: m.box.displayName, address: m.box.address },
      to,
      cc,
      subject: message.subject ?? '',
      body: {
        contentType: message.body?.contentType.toLowerCase() === 'html' ? 'html' : 'text',
        content: message.body?.content ?? '',
      },
      attachments: (message.attachments ?? []).map((a) => ({
        name: a.name,
        contentType: a.contentType ?? 'application/octet-stream',
        content: Buffer.from(a.contentBytes, 'base64'),
      })),
      messageId:
        message.internetMessageId ??
        `<${now.getTime()}.${Math.random().toString(36).slice(2)}@emulator.local>`,
      date: now,
    });
    const save = parsed.data.saveToSentItems !== false && parsed.data.saveToSentItems !== 'false';
    m.mail.sent.push({
      tenantId: m.box.tenantId,
      userId: m.box.userId,
      from: m.box.address,
      message: message as Record<string, unknown>,
      saveToSentItems: save,
      mime,
      sentDateTime: now.toISOString(),
    });
    if (save) deliver(m.ctx, m.box, 'sentitems', { mime, isRead: true, receivedDateTime: now.toISOString() });
    for (const r of [...to, ...cc, ...bcc]) {
      const target = m.mail.mailbox(m.ctx.state, m.box.tenantId, r.address);
      if (target) deliver(m.ctx, target, 'inbox', { mime, receivedDateTime: now.toISOString() });
    }
    return { status: 202 };
  }),
];
