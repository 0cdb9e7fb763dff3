// Builds MIME messages for tests: headers in order, text and/or HTML bodies, file attachments and
// attached messages. Output is CRLF and 7-bit (base64 for anything binary), as Exchange sends it.
export interface FileSpec {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface MessageSpec {
  headers: Array<[string, string]>;
  text?: string;
  html?: string;
  files?: FileSpec[];
  /** Messages attached as message/rfc822 parts (Outlook item attachments). */
  messages?: Array<{ raw: string; name?: string; inline?: boolean }>;
  boundarySeed?: string;
}

const CRLF = '\r\n';

/** RFC 2047 B-encoded word, split so no encoded word passes 75 characters. */
export function encodedWord(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join(`${CRLF} `);
}

export function base64Lines(bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64');
  return (b64.match(/.{1,76}/g) ?? []).join(CRLF);
}

const textPart = (type: string, body: string) =>
  `Content-Type: ${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(Buffer.from(body))}`;

export function buildMessage(spec: MessageSpec): string {
  const seed = spec.boundarySeed ?? 'b';
  const head = spec.headers.map(([k, v]) => `${k}: ${v}`).join(CRLF);
  const bodies: string[] = [];
  if (spec.text !== undefined && spec.html !== undefined) {
    const alt = `alt_${seed}`;
    bodies.push(
      `Content-Type: multipart/alternative; boundary="${alt}"${CRLF}${CRLF}--${alt}${CRLF}${textPart('text/plain', spec.text)}${CRLF}--${alt}${CRLF}${textPart('text/html', spec.html)}${CRLF}--${alt}--`,
    );
  } else if (spec.text !== undefined) bodies.push(textPart('text/plain', spec.text));
  else if (spec.html !== undefined) bodies.push(textPart('text/html', spec.html));
  else bodies.push(textPart('text/plain', ''));
  for (const f of spec.files ?? []) {
    bodies.push(
      `Content-Type: ${f.contentType}; name="${f.name}"${CRLF}Content-Disposition: attachment; filename="${f.name}"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(f.bytes)}`,
    );
  }
  for (const m of spec.messages ?? []) {
    const disp = m.inline
      ? ''
      : `Content-Disposition: attachment${m.name ? `; filename="${m.name}"` : ''}${CRLF}`;
    bodies.push(`Content-Type: message/rfc822${CRLF}${disp}${CRLF}${m.raw}`);
  }
  if (bodies.length === 1 && !spec.files?.length && !spec.messages?.length) {
    return `${head}${CRLF}MIME-Version: 1.0${CRLF}${bodies[0]}${CRLF}`;
  }
  const mixed = `mixed_${seed}`;
  return `${head}${CRLF}MIME-Version: 1.0${CRLF}Content-Type: multipart/mixed; boundary="${mixed}"${CRLF}${CRLF}${bodies
    .map((b) => `--${mixed}${CRLF}${b}`)
    .join(CRLF)}${CRLF}--${mixed}--${CRLF}`;
}
