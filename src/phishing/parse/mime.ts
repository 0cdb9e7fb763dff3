// Reads one MIME message with postal-mime into a ParsedMessage. Embedded messages are kept as
// attachments (forceRfc822Attachments) so their headers survive; the caller decides whether to open them.
import PostalMime, { type Attachment, type Email } from 'postal-mime';
import { firstMailbox, mailboxList } from './address-list.js';
import type { Budget } from './limits.js';
import type { MailAddress, ParsedMessage, ReportAttachment } from './types.js';

/** A postal-mime guard tripped; the message names which. */
export class MimeLimit extends Error {
  constructor(
    readonly reason: 'headers-too-large' | 'mime-nesting-too-deep',
    detail: string,
  ) {
    super(detail);
  }
}

/** The values of a header, in the message's order (postal-mime lowers `key`). */
const valuesOf = (email: Email, key: string) =>
  email.headers.filter((h) => h.key === key && h.value).map((h) => h.value);

/** Reply-To mailboxes kept: replies go to a handful at most; a thousand are a hostile header. */
const MAX_REPLY_TO = 100;

/**
 * From, else Sender, read as mail clients show it (address-list.ts), not with postal-mime's strict
 * parser: an unquoted comma in a display name made that one return a mailbox without an address.
 */
function sender(email: Email): MailAddress | null {
  for (const key of ['from', 'sender']) {
    const value = valuesOf(email, key)[0];
    const box = value ? firstMailbox(value) : null;
    if (box) return box;
  }
  return null;
}

function toBytes(content: Attachment['content']): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function attachmentOf(a: Attachment, index: number): ReportAttachment {
  const bytes = toBytes(a.content);
  return {
    // No ".eml" made up for a nameless message part: the name is what tells an .eml file from an item.
    name: a.filename ?? `attachment-${index + 1}`,
    contentType: a.mimeType,
    size: bytes.byteLength,
    bytes,
  };
}

/**
 * MIME parts cost memory and time, and postal-mime has no part-count guard, so the Content-Type
 * lines are counted first: an upper bound on the parts, cheap on the raw bytes.
 */
export function countContentTypeLines(raw: Uint8Array): number {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  return text.match(/^content-type:/gim)?.length ?? 0;
}

export function toParsedMessage(email: Email): ParsedMessage {
  return {
    headers: email.headers.map((h) => ({ name: h.originalKey, value: h.value })),
    from: sender(email),
    replyTo: valuesOf(email, 'reply-to')
      .flatMap((v) => mailboxList(v, MAX_REPLY_TO))
      .slice(0, MAX_REPLY_TO),
    returnPath: email.returnPath?.replace(/^<|>$/g, '') || null,
    messageId: email.messageId ?? null,
    subject: email.subject ?? '',
    date: email.date ?? null,
    text: email.text ?? '',
    html: email.html ?? '',
    attachments: email.attachments.map(attachmentOf),
  };
}

export async function parseMime(raw: Uint8Array, budget: Budget): Promise<ParsedMessage> {
  budget.spendParts(Math.max(1, countContentTypeLines(raw)));
  let email: Email;
  try {
    email = await PostalMime.parse(raw, {
      forceRfc822Attachments: true,
      attachmentEncoding: 'arraybuffer',
      maxHeadersSize: budget.limits.maxHeaderBytes,
      maxNestingDepth: budget.limits.maxMimeNesting,
    });
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    if (/header size/i.test(text)) throw new MimeLimit('headers-too-large', text);
    if (/nesting depth/i.test(text)) throw new MimeLimit('mime-nesting-too-deep', text);
    throw err;
  }
  budget.checkHeaders(email.headers.length);
  return toParsedMessage(email);
}
