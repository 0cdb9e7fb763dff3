// RTF documents: embedded OLE objects (`\object` groups with `\objdata`, and `\objupdate`, which makes
// Word load the object on open), the `{\*\template …}` a document attaches, and HYPERLINK field
// targets. One indexOf pass per keyword, each continuing past what it read.
import { addLink, emptyOfficeFindings, type OfficeFindings } from './office-findings.js';

/** Longest template or link target read. */
const MAX_TARGET = 4096;

function countOf(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
    // `\objdata` must not count `\objdatax`; a control word ends at a non-letter.
    const next = text.charCodeAt(at + word.length);
    if (!((next >= 0x61 && next <= 0x7a) || (next >= 0x41 && next <= 0x5a))) n++;
  }
  return n;
}

/** The text of `{\*\template …}` groups: up to the closing brace, trimmed. */
function templates(text: string): string[] {
  const out: string[] = [];
  const key = '\\*\\template';
  let from = 0;
  for (;;) {
    const at = text.indexOf(key, from);
    if (at === -1) return out;
    const limit = Math.min(text.length, at + key.length + MAX_TARGET);
    let end = at + key.length;
    while (end < limit && text[end] !== '}' && text[end] !== '{') end++;
    const target = text.slice(at + key.length, end).trim();
    if (target && end < limit) out.push(target);
    // Go on from where reading stopped, so no byte is read again for the next group.
    from = end;
  }
}

/** `HYPERLINK "target"` field instructions. */
function hyperlinks(text: string): string[] {
  const out: string[] = [];
  const key = 'HYPERLINK';
  let from = 0;
  for (;;) {
    const at = text.indexOf(key, from);
    if (at === -1) return out;
    let q = at + key.length;
    while (q < text.length && text[q] === ' ') q++;
    from = q;
    if (text[q] !== '"') continue;
    const limit = Math.min(text.length, q + 1 + MAX_TARGET);
    let end = q + 1;
    while (end < limit && text[end] !== '"') end++;
    if (end < limit) out.push(text.slice(q + 1, end));
    from = end + 1;
  }
}

/** Inspects an RTF document's text (its bytes as latin1). */
export function inspectRtf(bytes: Uint8Array): OfficeFindings {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const f = emptyOfficeFindings('rtf');
  f.embeddedObjects = Math.max(countOf(text, '\\object'), countOf(text, '\\objdata'));
  if (countOf(text, '\\objupdate') > 0) f.embeddedObjects = Math.max(1, f.embeddedObjects);
  for (const t of templates(text)) {
    if (f.externalTemplate === undefined) f.externalTemplate = t;
    if (addLink(f.externalLinks, t)) f.truncated = true;
  }
  for (const h of hyperlinks(text)) if (addLink(f.externalLinks, h)) f.truncated = true;
  return f;
}
