// Which attachments of a message are themselves messages, and of what kind. Outlook item
// attachments reach the MIME as message/rfc822 parts; attached files are .eml (message/rfc822 or
// application/octet-stream, depending on the client) or .msg (an OLE compound file).
import type { ReportAttachment } from './types.js';

export type EmbeddedKind = 'rfc822' | 'eml' | 'msg';

export interface EmbeddedMessage {
  kind: EmbeddedKind;
  name: string;
  bytes: Uint8Array;
}

/** The first bytes of every OLE compound file, which a .msg is. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export const isCompoundFile = (b: Uint8Array): boolean =>
  b.length >= 8 && CFB_MAGIC.every((v, i) => b[i] === v);

export function embeddedKind(
  a: Pick<ReportAttachment, 'name' | 'contentType' | 'bytes'>,
): EmbeddedKind | null {
  const name = a.name.toLowerCase();
  const type = a.contentType.toLowerCase();
  if (name.endsWith('.msg') || type === 'application/vnd.ms-outlook') {
    // A file merely named .msg that is not a compound file is left as an ordinary attachment.
    return isCompoundFile(a.bytes) ? 'msg' : null;
  }
  if (type === 'message/rfc822' || type === 'message/global') return name.endsWith('.eml') ? 'eml' : 'rfc822';
  if (name.endsWith('.eml')) return 'eml';
  return null;
}

/** Splits attachments into embedded messages (in order) and ordinary files. */
export function splitEmbedded(attachments: ReportAttachment[]): {
  embedded: EmbeddedMessage[];
  files: ReportAttachment[];
} {
  const embedded: EmbeddedMessage[] = [];
  const files: ReportAttachment[] = [];
  for (const a of attachments) {
    const kind = embeddedKind(a);
    if (kind) embedded.push({ kind, name: a.name, bytes: a.bytes });
    else files.push(a);
  }
  return { embedded, files };
}
