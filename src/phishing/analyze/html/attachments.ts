// HTML and SVG attachments: a classic carrier of credential phish (a login form or a redirect that
// opens locally, out of reach of link scanners), read for their links like a body.
import type { ReportAttachment } from '../../parse/index.js';

const EXTENSIONS = ['.html', '.htm', '.shtml', '.xhtml', '.svg'];
const TYPES = ['text/html', 'image/svg+xml', 'application/xhtml+xml'];

export function isHtmlAttachment(a: Pick<ReportAttachment, 'name' | 'contentType'>): boolean {
  const name = a.name.trim().toLowerCase();
  const type = (a.contentType.split(';')[0] ?? '').trim().toLowerCase();
  return TYPES.includes(type) || EXTENSIONS.some((e) => name.endsWith(e));
}

/** The attachment's text: UTF-16 when a byte-order mark says so, else UTF-8 (bad bytes replaced). */
export function attachmentText(bytes: Uint8Array): string {
  const [a, b] = bytes;
  const encoding = a === 0xff && b === 0xfe ? 'utf-16le' : a === 0xfe && b === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding).decode(bytes);
}

/** The text of each HTML or SVG attachment of a message. */
export function htmlAttachmentTexts(attachments: readonly ReportAttachment[]): string[] {
  return attachments.filter(isHtmlAttachment).map((a) => attachmentText(a.bytes));
}
