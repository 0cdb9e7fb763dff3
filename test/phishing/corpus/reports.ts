// Report mails as users send them to the abuse mailbox: the original as an Outlook item attachment,
// as an .eml or .msg file, as a plain forward (English, German, Gmail style), nested several deep,
// HTML-only, and in campaigns (one original, many reporters).
import { readFileSync } from 'node:fs';
import { buildMessage, type FileSpec } from './mime-builder.js';
import type { Original } from './phish.js';

export const MSG_DIR = '/work/shared/corpus/msg';

export interface Reporter {
  name: string;
  address: string;
}

export const ALICE: Reporter = { name: 'Alice Example', address: 'alice@contoso.com' };

function wrapperHeaders(reporter: Reporter, subject: string, id: string): Array<[string, string]> {
  return [
    ['From', `${reporter.name} <${reporter.address}>`],
    ['To', 'Phishing Reports <phish@contoso.com>'],
    ['Subject', subject],
    ['Date', 'Tue, 3 Nov 2026 10:30:00 +0100'],
    ['Message-ID', `<report-${id}@contoso.com>`],
  ];
}

/** Outlook "Forward as attachment": the original as a message/rfc822 item attachment. */
export function asItemAttachment(original: Original, reporter = ALICE, id = '1'): string {
  return buildMessage({
    headers: wrapperHeaders(reporter, `FW: ${original.spec.subject}`, id),
    text: 'Please check this, it looks odd. Regards, Alice (see https://intranet.contoso.com/security)',
    messages: [{ raw: original.raw }],
    boundarySeed: `item${id}`,
  });
}

/** A report button or a user attaching the saved file: the original as an .eml file attachment. */
export function asEmlFile(
  original: Original,
  reporter = ALICE,
  id = '1',
  contentType = 'application/octet-stream',
): string {
  return buildMessage({
    headers: wrapperHeaders(reporter, `Phishing: ${original.spec.subject}`, id),
    text: 'Reported with the Report button.',
    files: [{ name: 'original.eml', contentType, bytes: Buffer.from(original.raw) }],
    boundarySeed: `eml${id}`,
  });
}

export const msgFile = (name: string): Uint8Array => new Uint8Array(readFileSync(`${MSG_DIR}/${name}`));

/** The original saved from Outlook and attached as a .msg file. */
export function asMsgFile(msgName: string, reporter = ALICE, id = '1'): string {
  return buildMessage({
    headers: wrapperHeaders(reporter, `FW: suspicious (${msgName})`, id),
    text: 'Attached the mail as .msg.',
    files: [{ name: msgName, contentType: 'application/vnd.ms-outlook', bytes: msgFile(msgName) }],
    boundarySeed: `msg${id}`,
  });
}

export type ForwardStyle = 'outlook-en' | 'outlook-de' | 'gmail' | 'thunderbird-de';

/** A plain forward: the original's text under a forwarded header block, no attachment. */
export function asPlainForward(
  original: Original,
  style: ForwardStyle,
  reporter = ALICE,
  id = '1',
  htmlOnly = false,
): string {
  const s = original.spec;
  const block: Record<ForwardStyle, string> = {
    'outlook-en': `________________________________\r\nFrom: ${s.from}\r\nSent: Tuesday, November 3, 2026 10:12 AM\r\nTo: Alice Example <alice@contoso.com>\r\nSubject: ${s.subject}\r\n`,
    'outlook-de': `________________________________\r\nVon: ${s.from}\r\nGesendet: Dienstag, 3. November 2026 10:12\r\nAn: Alice Example <alice@contoso.com>\r\nBetreff: ${s.subject}\r\n`,
    gmail: `---------- Forwarded message ---------\r\nFrom: ${s.from}\r\nDate: Tue, 3 Nov 2026 at 10:12\r\nSubject: ${s.subject}\r\nTo: <alice@contoso.com>\r\n`,
    'thunderbird-de': `-------- Weitergeleitete Nachricht --------\r\nBetreff: \t${s.subject}\r\nDatum: \tTue, 3 Nov 2026 10:12:40 +0100\r\nVon: \t${s.from}\r\nAn: \talice@contoso.com\r\n`,
  };
  const body = `Is this real?\r\n\r\n${block[style]}\r\n${s.text ?? ''}`;
  const html = `<div>Is this real?</div><hr>${block[style].replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r\n/g, '<br>')}<br>${s.html ?? ''}`;
  return buildMessage({
    headers: wrapperHeaders(reporter, `${style.endsWith('de') ? 'WG' : 'FW'}: ${s.subject}`, id),
    ...(htmlOnly ? { html } : { text: body }),
    boundarySeed: `fwd${id}`,
  });
}

/** The original inside `levels` forwards-as-attachment (a colleague forwarding a report onwards…). */
export function nested(original: Original, levels: number, reporter = ALICE): string {
  let raw = original.raw;
  for (let i = 1; i <= levels; i++) {
    raw = buildMessage({
      headers: wrapperHeaders(
        i === levels ? reporter : { name: `Hop ${i}`, address: `hop${i}@contoso.com` },
        `FW: level ${i}`,
        `n${i}`,
      ),
      text: `level ${i}`,
      messages: [{ raw }],
      boundarySeed: `nest${i}`,
    });
  }
  return raw;
}

/** A report with extra file attachments, e.g. a large one for the size limit. */
export function withFiles(original: Original, files: FileSpec[], reporter = ALICE): string {
  return buildMessage({
    headers: wrapperHeaders(reporter, 'FW: with files', 'files'),
    text: 'see attached',
    files,
    messages: [{ raw: original.raw }],
    boundarySeed: 'files',
  });
}

/** One original reported by `count` different people, each a separate report mail. */
export function campaign(original: Original, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    asItemAttachment(original, { name: `User ${i}`, address: `user${i}@contoso.com` }, `c${i}`),
  );
}

export type Breakage = 'truncated' | 'no-closing-boundary' | 'wrong-boundary' | 'bad-base64' | 'lf-only';

/** The item-attachment report, broken the way real mail gets broken in transit or by bad clients. */
export function brokenMime(original: Original, how: Breakage, reporter = ALICE): string {
  const raw = asItemAttachment(original, reporter, `broken-${how}`);
  switch (how) {
    case 'truncated':
      return raw.slice(0, Math.floor(raw.length * 0.6));
    case 'no-closing-boundary':
      return raw.replace(/--mixed_[^\r\n]*--\r\n$/, '');
    case 'wrong-boundary':
      return raw.replace(/boundary="mixed_([^"]*)"/, 'boundary="nope_$1"');
    case 'bad-base64':
      return raw.replace(/(\r\n\r\n)([A-Za-z0-9+/]{20})/, '$1!!!not*base64!!!$2');
    case 'lf-only':
      return raw.replace(/\r\n/g, '\n');
  }
}
