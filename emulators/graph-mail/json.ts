// Graph JSON of mail resources: message, mailFolder and the three attachment types, as v1.0 returns them.
// https://learn.microsoft.com/graph/api/resources/message  https://learn.microsoft.com/graph/api/resources/attachment
import { type Address, decodeWords, headerValue, parseAddressList, parseMessage } from './mime.js';
import type { MailAttachment, MailFolder, Mailbox, MailMessage } from './store.js';

/** Properties a message has; `internetMessageHeaders` and `uniqueBody` come only when $select-ed. */
export const MESSAGE_PROPERTIES = new Set([
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'internetMessageId',
  'subject',
  'bodyPreview',
  'importance',
  'parentFolderId',
  'conversationId',
  'conversationIndex',
  'isDeliveryReceiptRequested',
  'isReadReceiptRequested',
  'isRead',
  'isDraft',
  'webLink',
  'inferenceClassification',
  'body',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'flag',
  'internetMessageHeaders',
  'uniqueBody',
]);
const SELECT_ONLY = new Set(['internetMessageHeaders', 'uniqueBody']);

export interface RenderOptions {
  /** Prefer: IdType="ImmutableId" was sent. */
  immutable: boolean;
  /** Prefer: outlook.body-content-type="text" was sent. */
  textBody: boolean;
  select?: readonly string[] | undefined;
}

export function messageId(msg: MailMessage, immutable: boolean): string {
  return immutable ? msg.immutableId : msg.restId;
}

export function renderMessage(msg: MailMessage, opts: RenderOptions): Record<string, unknown> {
  const p = parseMessage(msg.mime);
  const recipient = (a: Address) => ({ emailAddress: { name: a.name || a.address, address: a.address } });
  const text = p.text ?? (p.html ? stripHtml(p.html) : '');
  const wantsText = opts.textBody || p.html === undefined;
  const full: Record<string, unknown> = {
    '@odata.etag': `W/"${msg.changeKey}"`,
    id: messageId(msg, opts.immutable),
    createdDateTime: msg.createdDateTime,
    lastModifiedDateTime: msg.lastModifiedDateTime,
    changeKey: msg.changeKey,
    categories: [...msg.categories],
    receivedDateTime: msg.receivedDateTime,
    sentDateTime: msg.sentDateTime,
    hasAttachments: msg.attachments.some((a) => !a.isInline),
    internetMessageId: p.messageId ?? `<${msg.immutableId.slice(-20)}@emulator.local>`,
    subject: p.subject,
    bodyPreview: text.replace(/\s+/g, ' ').trim().slice(0, 255),
    importance: importance(headerValue(p.headers, 'importance') ?? headerValue(p.headers, 'x-priority')),
    parentFolderId: msg.folderId,
    conversationId: msg.conversationId,
    conversationIndex: Buffer.from(msg.conversationId.slice(0, 22)).toString('base64'),
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: headerValue(p.headers, 'disposition-notification-to') !== undefined,
    isRead: msg.isRead,
    isDraft: msg.isDraft,
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(msg.restId)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: 'focused',
    body: wantsText ? { contentType: 'text', content: text } : { contentType: 'html', content: p.html },
    sender: p.sender || p.from ? recipient((p.sender ?? p.from) as Address) : null,
    from: p.from ? recipient(p.from) : null,
    toRecipients: p.to.map(recipient),
    ccRecipients: p.cc.map(recipient),
    bccRecipients: parseAddressList(headerValue(p.headers, 'bcc')).map(recipient),
    replyTo: p.replyTo.map(recipient),
    flag: { flagStatus: 'notFlagged' },
    internetMessageHeaders: p.headers.map((h) => ({ name: h.name, value: decodeWords(h.value) })),
    uniqueBody: wantsText ? { contentType: 'text', content: text } : { contentType: 'html', content: p.html },
  };
  if (!opts.select) {
    for (const k of SELECT_ONLY) delete full[k];
    return full;
  }
  const out: Record<string, unknown> = { '@odata.etag': full['@odata.etag'], id: full.id };
  for (const k of opts.select) out[k] = full[k] ?? null;
  return out;
}

export function renderFolder(folder: MailFolder, box: Mailbox): Record<string, unknown> {
  const messages = box.inFolder(folder.id);
  return {
    id: folder.id,
    displayName: folder.displayName,
    parentFolderId: folder.parentFolderId,
    childFolderCount: box.children(folder.id).length,
    unreadItemCount: messages.filter((m) => !m.isRead).length,
    totalItemCount: messages.length,
    sizeInBytes: messages.reduce((n, m) => n + m.mime.length, 0),
    isHidden: false,
  };
}

export function renderAttachment(a: MailAttachment): Record<string, unknown> {
  const common = {
    id: a.id,
    lastModifiedDateTime: a.lastModifiedDateTime,
    name: a.name,
    contentType: a.contentType,
    size: a.content.length,
    isInline: a.isInline,
  };
  if (a.kind === 'item') return { '@odata.type': '#microsoft.graph.itemAttachment', ...common };
  if (a.kind === 'reference')
    return {
      '@odata.type': '#microsoft.graph.referenceAttachment',
      ...common,
      size: 0,
      sourceUrl: a.sourceUrl ?? null,
    };
  return {
    '@odata.type': '#microsoft.graph.fileAttachment',
    ...common,
    contentId: a.contentId ?? null,
    contentLocation: null,
    contentBytes: a.content.toString('base64'),
  };
}

function importance(value: string | undefined): 'low' | 'normal' | 'high' {
  const v = (value ?? '').toLowerCase();
  if (v.startsWith('high') || v.startsWith('1') || v.startsWith('2')) return 'high';
  if (v.startsWith('low') || v.startsWith('4') || v.startsWith('5')) return 'low';
  return 'normal';
}

function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
