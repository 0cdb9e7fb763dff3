// Builds the RFC 822 text of a message sent through sendMail, so Sent Items and $value have real MIME.
import { randomBytes } from 'node:crypto';

export interface OutgoingMessage {
  from: { name: string; address: string };
  to: Array<{ name?: string; address: string }>;
  cc: Array<{ name?: string; address: string }>;
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  attachments: Array<{ name: string; contentType: string; content: Buffer }>;
  messageId: string;
  date: Date;
}

export function buildMime(m: OutgoingMessage): string {
  const addr = (a: { name?: string; address: string }) =>
    a.name ? `${encodeWord(a.name)} <${a.address}>` : a.address;
  const headers = [
    `From: ${addr(m.from)}`,
    `To: ${m.to.map(addr).join(', ')}`,
    ...(m.cc.length > 0 ? [`Cc: ${m.cc.map(addr).join(', ')}`] : []),
    `Subject: ${encodeWord(m.subject)}`,
    `Date: ${m.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${m.messageId}`,
    'MIME-Version: 1.0',
  ];
  const bodyType = m.body.contentType === 'html' ? 'text/html' : 'text/plain';
  const bodyPart = [
    `Content-Type: ${bodyType}; charset="utf-8"`,
    'Content-Transfer-Encoding: base64',
    '',
    wrap(Buffer.from(m.body.content, 'utf8').toString('base64')),
  ].join('\r\n');
  if (m.attachments.length === 0) return `${headers.join('\r\n')}\r\n${bodyPart}\r\n`;
  const boundary = `_emu_${randomBytes(8).toString('hex')}_`;
  const parts = [bodyPart];
  for (const a of m.attachments) {
    parts.push(
      [
        `Content-Type: ${a.contentType}; name="${a.name}"`,
        `Content-Disposition: attachment; filename="${a.name}"`,
        'Content-Transfer-Encoding: base64',
        '',
        wrap(a.content.toString('base64')),
      ].join('\r\n'),
    );
  }
  return [
    ...headers,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    ...parts.map((p) => `--${boundary}\r\n${p}`),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

function encodeWord(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function wrap(b64: string): string {
  return b64.replace(/.{1,76}/g, '$&\r\n').trimEnd();
}
