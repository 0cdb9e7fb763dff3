// Reads an Outlook .msg (OLE compound file) with @kenjiuno/msgreader into the same MessageNode the
// MIME reader gives: transport headers when the .msg kept them (received mail does, drafts and sent
// items do not), bodies, file attachments, and nested .msg / .eml as embedded messages.
// Not done: HTML recovered from compressed RTF; a .msg without an HTML body yields its plain text only.
import msgreader, { type FieldsData } from '@kenjiuno/msgreader';
import PostalMime from 'postal-mime';
import { ansiEncodingFor, decodeCodepage } from './codepage.js';
import { embeddedKind } from './embedded.js';
import type { Budget } from './limits.js';
import { toParsedMessage } from './mime.js';
import type { EmbeddedRef, MessageNode } from './node.js';
import type { HeaderField, ParsedMessage, ReportAttachment } from './types.js';

// The package is CommonJS with `exports.default`; from ESM the default import is the module object.
const MsgReader = msgreader.default;
type Reader = InstanceType<typeof MsgReader>;

export class MsgUnreadable extends Error {}

function isoDate(text: string | undefined): string | null {
  if (!text) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) ? text : new Date(t).toISOString();
}

/** Headers from the .msg's transport header text, read by postal-mime so that both paths agree. */
async function fromTransportHeaders(text: string, budget: Budget): Promise<ParsedMessage> {
  // trimEnd drops what /\s+$/ matched, without retrying that pattern from every blank of a long run.
  const email = await PostalMime.parse(`${text.trimEnd()}\r\n\r\n`, {
    maxHeadersSize: budget.limits.maxHeaderBytes,
  });
  budget.checkHeaders(email.headers.length);
  // The bodies and attachments come from the .msg's own properties, not from this header-only parse.
  return { ...toParsedMessage(email), text: '', html: '', attachments: [] };
}

/** Without transport headers the message properties are all there is; headers are rebuilt from them. */
function fromProperties(f: FieldsData): ParsedMessage {
  // An Exchange sender's senderEmail is an X.500 name (/O=…/CN=…), not an address anyone can reply to.
  const address = [f.senderSmtpAddress, f.senderEmail, f.sentRepresentingSmtpAddress].find((a) =>
    a?.includes('@'),
  );
  const from = address ? { name: f.senderName ?? '', address } : null;
  const date = isoDate(f.clientSubmitTime ?? f.messageDeliveryTime);
  const headers: HeaderField[] = [];
  if (from)
    headers.push({ name: 'From', value: from.name ? `${from.name} <${from.address}>` : from.address });
  if (f.subject) headers.push({ name: 'Subject', value: f.subject });
  if (f.messageId) headers.push({ name: 'Message-ID', value: f.messageId });
  if (date) headers.push({ name: 'Date', value: f.clientSubmitTime ?? f.messageDeliveryTime ?? date });
  return {
    headers,
    from,
    replyTo: [],
    returnPath: null,
    messageId: f.messageId ?? null,
    subject: f.subject ?? '',
    date,
    text: '',
    html: '',
    attachments: [],
  };
}

function htmlOf(f: FieldsData): string {
  if (f.bodyHtml) return f.bodyHtml;
  if (f.html) return decodeCodepage(f.html, f.internetCodepage);
  return '';
}

async function nodeOf(
  reader: Reader,
  f: FieldsData,
  budget: Budget,
  openEml: (bytes: Uint8Array) => Promise<MessageNode>,
): Promise<MessageNode> {
  const base = f.headers ? await fromTransportHeaders(f.headers, budget) : fromProperties(f);
  // The properties are authoritative for what Outlook shows; the headers may lack a decoded subject.
  const message: ParsedMessage = {
    ...base,
    subject: base.subject || f.subject || '',
    text: f.body ?? '',
    html: htmlOf(f),
  };
  const embedded: EmbeddedRef[] = [];
  const files: ReportAttachment[] = [];
  const attachments = f.attachments ?? [];
  budget.spendParts(attachments.length);
  for (const a of attachments) {
    if (a.innerMsgContent && a.innerMsgContentFields) {
      const inner = a.innerMsgContentFields;
      embedded.push({
        kind: 'msg',
        name: a.name ?? inner.subject ?? 'embedded.msg',
        size: 0, // already inside the parent's bytes, which the budget has paid for
        open: () => nodeOf(reader, inner, budget, openEml),
      });
      continue;
    }
    const data = reader.getAttachment(a);
    const bytes = data.content;
    const file: ReportAttachment = {
      name: data.fileName || a.fileName || a.name || 'attachment',
      contentType: a.attachMimeTag ?? 'application/octet-stream',
      size: bytes.byteLength,
      bytes,
    };
    const kind = embeddedKind(file);
    if (kind === 'msg')
      embedded.push({ kind, name: file.name, size: 0, open: () => parseMsg(bytes, budget, openEml) });
    else if (kind) embedded.push({ kind, name: file.name, size: 0, open: () => openEml(bytes) });
    else files.push(file);
  }
  message.attachments = files;
  return { message, embedded };
}

export async function parseMsg(
  bytes: Uint8Array,
  budget: Budget,
  openEml: (bytes: Uint8Array) => Promise<MessageNode>,
): Promise<MessageNode> {
  let reader: Reader;
  let fields: FieldsData;
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    reader = new MsgReader(view);
    fields = reader.getFileData();
    // Non-Unicode .msg strings are in the writer's ANSI code page, which only the first read reveals.
    const ansi = fields.error ? null : ansiEncodingFor(fields.internetCodepage);
    if (ansi) {
      reader = new MsgReader(view);
      reader.parserConfig = { ansiEncoding: ansi };
      fields = reader.getFileData();
    }
  } catch (err) {
    throw new MsgUnreadable(`not a readable .msg: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (fields.error) throw new MsgUnreadable(`not a readable .msg: ${fields.error}`);
  // A damaged compound file reads as a message with no properties at all; that is no message.
  const empty =
    !fields.subject &&
    !fields.body &&
    !fields.headers &&
    !fields.senderEmail &&
    !fields.bodyHtml &&
    !fields.html;
  if (empty && (fields.attachments ?? []).length === 0)
    throw new MsgUnreadable('the .msg has no message properties');
  return nodeOf(reader, fields, budget, openEml);
}
