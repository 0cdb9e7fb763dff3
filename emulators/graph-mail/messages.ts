// Messages: list (mailbox-wide or per folder), get, raw MIME ($value), update isRead/categories, move and
// delete. https://learn.microsoft.com/graph/api/user-list-messages  https://learn.microsoft.com/graph/api/message-move
import { z } from 'zod';
import { badRequest } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphResponse } from '../graph/types.js';
import { MESSAGE_PROPERTIES, renderMessage } from './json.js';
import { notifyChange } from './notify.js';
import { mailPage } from './paging.js';
import {
  itemNotFound,
  MAIL_READ,
  MAIL_READ_BASIC,
  MAIL_WRITE,
  type MailCall,
  mailRoute,
  rawBody,
} from './mailbox-route.js';
import type { MailMessage } from './store.js';
import { isResponse, parseSelect } from '../graph/odata.js';

const patchBody = z
  .object({ isRead: z.boolean().optional(), categories: z.array(z.string()).optional() })
  .loose();
const moveBody = z.object({ destinationId: z.string().min(1) }).strict();
/** Properties Mail.ReadBasic.All does not let an app read. */
const BODY_PROPERTIES = ['body', 'bodyPreview', 'uniqueBody', 'internetMessageHeaders'];
const MSG = '/messages/(?<id>(?!delta$)[^/]+)';

export const mailMessageRoutes: GraphRoute[] = [
  mailRoute('GET', '/messages', MAIL_READ_BASIC, (m) => list(m, undefined)),
  mailRoute('GET', '/mailFolders/(?<folder>[^/]+)/messages', MAIL_READ_BASIC, (m) => {
    const folder = m.box.folder(m.params.folder ?? '');
    return folder ? list(m, folder.id) : itemNotFound(m.call);
  }),
  mailRoute('GET', MSG, MAIL_READ_BASIC, get),
  mailRoute('GET', `/mailFolders/(?<folder>[^/]+)${MSG}`, MAIL_READ_BASIC, get),
  mailRoute('GET', `${MSG}/\\$value`, MAIL_READ, (m) => {
    const msg = m.box.message(m.params.id ?? '');
    return msg ? rawBody(Buffer.from(msg.mime, 'latin1'), 'message/rfc822') : itemNotFound(m.call);
  }),
  mailRoute('PATCH', MSG, MAIL_WRITE, (m) => {
    const msg = m.box.message(m.params.id ?? '');
    if (!msg) return itemNotFound(m.call);
    const body = patchBody.safeParse(m.call.body);
    if (!body.success)
      return badRequest(m.call, 'The request body is not a valid message update.', 'ErrorInvalidRequest');
    m.box.update(msg, body.data);
    notifyChange(m.ctx, m.box, msg, 'updated');
    return { status: 200, body: render(m, msg, undefined) };
  }),
  mailRoute('DELETE', MSG, MAIL_WRITE, (m) => {
    const msg = m.box.message(m.params.id ?? '');
    if (!msg) return itemNotFound(m.call);
    notifyChange(m.ctx, m.box, msg, 'deleted');
    m.box.remove(msg);
    return { status: 204 };
  }),
  mailRoute('POST', `${MSG}/move`, MAIL_WRITE, (m) => {
    const msg = m.box.message(m.params.id ?? '');
    if (!msg) return itemNotFound(m.call);
    const body = moveBody.safeParse(m.call.body);
    if (!body.success)
      return badRequest(m.call, 'The destinationId property is required.', 'ErrorInvalidRequest');
    const dest = m.box.folder(body.data.destinationId);
    if (!dest) return itemNotFound(m.call);
    notifyChange(m.ctx, m.box, msg, 'deleted');
    m.box.move(msg, dest.id);
    notifyChange(m.ctx, m.box, msg, 'created');
    // "Creates a new copy of the message in the destination folder and removes the original": 201.
    return { status: 201, body: render(m, msg, undefined) };
  }),
];

function list(m: MailCall, folderId: string | undefined): GraphResponse {
  const select = parseSelect(m.call, MESSAGE_PROPERTIES, 'message');
  if (isResponse(select)) return select;
  const messages =
    folderId === undefined
      ? [...m.box.messages.values()].sort((a, b) => b.receivedDateTime.localeCompare(a.receivedDateTime))
      : m.box.inFolder(folderId);
  return mailPage(
    m.ctx,
    m.call,
    messages,
    (msg) => render(m, msg, select),
    `users('${m.params.user}')/messages`,
  );
}

function get(m: MailCall): GraphResponse {
  const select = parseSelect(m.call, MESSAGE_PROPERTIES, 'message');
  if (isResponse(select)) return select;
  const msg = m.box.message(m.params.id ?? '');
  if (!msg) return itemNotFound(m.call);
  if (m.params.folder !== undefined && m.box.folder(m.params.folder)?.id !== msg.folderId)
    return itemNotFound(m.call);
  return {
    status: 200,
    body: {
      '@odata.context': `${m.ctx.urls.graph}/${m.call.version}/$metadata#users('${m.params.user}')/messages/$entity`,
      ...render(m, msg, select),
    },
  };
}

export function render(m: MailCall, msg: MailMessage, select: string[] | undefined): Record<string, unknown> {
  const out = renderMessage(msg, { ...m.render, select });
  if (!m.fullRead) for (const p of BODY_PROPERTIES) delete out[p];
  return out;
}
