// A small RFC 5322 / MIME reader for the mail emulator: headers, multipart trees, base64 and
// quoted-printable, RFC 2047 encoded words. Enough to derive what Graph shows for a message; it does
// not handle charsets other than UTF-8/ASCII/Latin-1, S/MIME or TNEF.

export interface MimeHeader {
  name: string;
  value: string;
}

export interface MimePart {
  headers: MimeHeader[];
  /** Lower-case media type without parameters, e.g. "text/plain". */
  type: string;
  params: Record<string, string>;
  /** Decoded content bytes (for a multipart, the raw body). */
  content: Buffer;
  parts: MimePart[];
  /** The part's raw text (headers + body) as it appeared; used as the MIME of an attached message. */
  raw: string;
}

export interface ParsedAttachment {
  kind: 'file' | 'item';
  name: string;
  contentType: string;
  isInline: boolean;
  contentId?: string;
  content: Buffer;
}

export interface ParsedMessage {
  /** The message bytes as a latin1 string (one char per byte). */
  raw: string;
  headers: MimeHeader[];
  subject: string;
  from?: Address;
  sender?: Address;
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  messageId?: string;
  date?: Date;
  text?: string;
  html?: string;
  attachments: ParsedAttachment[];
}

export interface Address {
  name: string;
  address: string;
}

/** Parses a whole message; input may be the raw text or its base64 form. */
export function parseMessage(input: string | Buffer): ParsedMessage {
  const raw = typeof input === 'string' ? asRawText(input) : input.toString('latin1');
  const root = parsePart(raw);
  const get = (n: string) => headerValue(root.headers, n);
  const out: ParsedMessage = {
    raw,
    headers: root.headers,
    subject: decodeWords(get('subject') ?? ''),
    to: parseAddressList(get('to')),
    cc: parseAddressList(get('cc')),
    replyTo: parseAddressList(get('reply-to')),
    attachments: [],
  };
  const from = parseAddressList(get('from'))[0];
  if (from) out.from = from;
  const sender = parseAddressList(get('sender'))[0];
  if (sender) out.sender = sender;
  const mid = get('message-id')?.trim();
  if (mid) out.messageId = mid;
  const date = get('date');
  if (date && !Number.isNaN(Date.parse(date))) out.date = new Date(date);
  collect(root, out);
  return out;
}

/** Text that is valid base64 and not plausibly a message is decoded first (seeds may carry either form). */
function asRawText(input: string): string {
  const compact = input.replace(/\s+/g, '');
  if (!/[:\n]/.test(input.slice(0, 200)) && /^[A-Za-z0-9+/=]+$/.test(compact) && compact.length > 0)
    return Buffer.from(compact, 'base64').toString('latin1');
  return Buffer.from(input, 'utf8').toString('latin1');
}

function parsePart(raw: string): MimePart {
  const split = /\r?\n\r?\n/.exec(raw);
  const headText = split ? raw.slice(0, split.index) : raw;
  const bodyText = split ? raw.slice(split.index + split[0].length) : '';
  const headers = parseHeaders(headText);
  const ct = parseParams(headerValue(headers, 'content-type') ?? 'text/plain');
  const type = ct.value.toLowerCase();
  const part: MimePart = { headers, type, params: ct.params, content: Buffer.alloc(0), parts: [], raw };
  if (type.startsWith('multipart/') && ct.params.boundary) {
    part.parts = splitMultipart(bodyText, ct.params.boundary).map(parsePart);
    part.content = Buffer.from(bodyText, 'latin1');
  } else {
    const cte = (headerValue(headers, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
    part.content = decodeBody(bodyText, cte);
  }
  return part;
}

function parseHeaders(text: string): MimeHeader[] {
  const out: MimeHeader[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && out.length > 0) {
      const last = out[out.length - 1] as MimeHeader;
      last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return out;
}

export function headerValue(headers: MimeHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** `type/sub; a=b; c="d"` (RFC 2231 continuations are not joined). */
function parseParams(value: string): { value: string; params: Record<string, string> } {
  const [first, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase().replace(/\*$/, '');
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    params[key] = decodeWords(v.replace(/^utf-8''/i, ''));
  }
  return { value: (first ?? '').trim(), params };
}

function splitMultipart(body: string, boundary: string): string[] {
  const lines = body.split(/\r?\n/);
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line.startsWith(`--${boundary}`)) {
      if (current) parts.push(current.join('\r\n'));
      if (line.startsWith(`--${boundary}--`)) return parts;
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

function decodeBody(text: string, cte: string): Buffer {
  if (cte === 'base64') return Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (cte === 'quoted-printable') return decodeQuotedPrintable(text);
  return Buffer.from(text, 'latin1');
}

function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i] as string;
    const hex = joined.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (`=?utf-8?B?...?=` and `?Q?`); adjacent words join without the space. */
export function decodeWords(value: string): string {
  const utf8 = Buffer.from(value, 'latin1').toString('utf8');
  const source = utf8.includes('\uFFFD') ? value : utf8;
  return source
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, enc: string, data: string) => {
      const bytes =
        enc.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : decodeQuotedPrintable(data.replace(/_/g, ' '));
      return bytes.toString(/^(utf-?8|us-ascii)$/i.test(charset) ? 'utf8' : 'latin1');
    });
}

export function parseAddressList(value: string | undefined): Address[] {
  if (!value) return [];
  const out: Address[] = [];
  // Commas inside quotes or angle brackets do not separate addresses.
  for (const item of value.match(/(?:"[^"]*"|<[^>]*>|[^,])+/g) ?? []) {
    const text = decodeWords(item.trim());
    if (!text) continue;
    const angle = /^(.*?)<([^>]+)>\s*$/.exec(text);
    if (angle) {
      out.push({ name: (angle[1] ?? '').trim().replace(/^"|"$/g, ''), address: (angle[2] ?? '').trim() });
    } else out.push({ name: text, address: text });
  }
  return out;
}

function collect(part: MimePart, out: ParsedMessage): void {
  if (part.parts.length > 0) {
    for (const p of part.parts) collect(p, out);
    return;
  }
  const disposition = parseParams(headerValue(part.headers, 'content-disposition') ?? '');
  const dispo = disposition.value.toLowerCase();
  const name = disposition.params.filename ?? part.params.name;
  const contentId = headerValue(part.headers, 'content-id')?.replace(/^<|>$/g, '');
  if (part.type === 'message/rfc822') {
    const inner = part.content.toString('latin1');
    const subject = decodeWords(
      headerValue(parseHeaders(inner.split(/\r?\n\r?\n/)[0] ?? ''), 'subject') ?? '',
    );
    out.attachments.push({
      kind: 'item',
      name: subject || name || 'Untitled Message',
      contentType: part.type,
      isInline: false,
      content: part.content,
    });
    return;
  }
  const isBodyText = (part.type === 'text/plain' || part.type === 'text/html') && dispo !== 'attachment';
  if (isBodyText && !name) {
    const text = decodeText(part);
    if (part.type === 'text/html') out.html ??= text;
    else out.text ??= text;
    return;
  }
  out.attachments.push({
    kind: 'file',
    name: name ?? 'attachment',
    contentType: part.type,
    isInline: dispo === 'inline' || (dispo === '' && contentId !== undefined),
    ...(contentId ? { contentId } : {}),
    content: part.content,
  });
}

function decodeText(part: MimePart): string {
  const charset = (part.params.charset ?? 'utf-8').toLowerCase();
  return part.content.toString(/^(iso-8859-1|latin1|windows-1252)$/.test(charset) ? 'latin1' : 'utf8');
}
