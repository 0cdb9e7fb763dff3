// Attachments of a message: list, get, and raw content through $value (a file's bytes, an attached
// message's MIME; reference attachments have no content and answer 405).
// https://learn.microsoft.com/graph/api/attachment-get
import { graphError } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphResponse } from '../graph/types.js';
import { renderAttachment } from './json.js';
import { mailPage } from './paging.js';
import { itemNotFound, MAIL_READ, type MailCall, mailRoute, rawBody } from './mailbox-route.js';
import type { MailAttachment } from './store.js';

const BASE = '/messages/(?<id>[^/]+)/attachments';

export const mailAttachmentRoutes: GraphRoute[] = [
  mailRoute('GET', BASE, MAIL_READ, (m) => {
    const msg = m.box.message(m.params.id ?? '');
    if (!msg) return itemNotFound(m.call);
    return mailPage(
      m.ctx,
      m.call,
      msg.attachments,
      renderAttachment,
      `users('${m.params.user}')/messages('${m.params.id}')/attachments`,
    );
  }),
  mailRoute('GET', `${BASE}/(?<aid>[^/]+)`, MAIL_READ, (m) => {
    const a = find(m);
    if (!a) return itemNotFound(m.call);
    return {
      status: 200,
      body: {
        '@odata.context': `${m.ctx.urls.graph}/${m.call.version}/$metadata#users('${m.params.user}')/messages('${m.params.id}')/attachments/$entity`,
        ...renderAttachment(a),
      },
    };
  }),
  mailRoute('GET', `${BASE}/(?<aid>[^/]+)/\\$value`, MAIL_READ, (m): GraphResponse => {
    const a = find(m);
    if (!a) return itemNotFound(m.call);
    if (a.kind === 'reference')
      return graphError(
        m.call,
        405,
        'ErrorInvalidRequest',
        'The $value segment is not supported for reference attachments.',
      );
    // "For attached messages the raw contents returned is in MIME format."
    if (a.kind === 'item') return rawBody(a.content, 'message/rfc822');
    return rawBody(a.content, a.contentType ?? 'application/octet-stream');
  }),
];

function find(m: MailCall): MailAttachment | undefined {
  return m.box.message(m.params.id ?? '')?.attachments.find((a) => a.id === m.params.aid);
}
