// Removes Microsoft's own filtering verdict from a message's header section, so that the bench can
// measure what graphsoc finds without Exchange Online Protection having judged the mail first.
// Stripped (field names compared case-insensitively, each field with its folded continuation lines):
//   X-MS-Exchange-Organization-*   (SCL, PCL, AuthAs, AuthSource, … everything Exchange adds inside
//                                   the organisation)
//   X-Forefront-Antispam-Report*   (and its -Untrusted copy)
//   X-Microsoft-Antispam*          (BCL, PCL, -Message-Info, -Mailbox-Delivery, -Untrusted)
// Kept: Authentication-Results (compauth included), ARC-*, Received-SPF and every other field.
// Only the message's own header section is touched: the body, and attached messages' headers, stay
// byte for byte (in the development corpus no attached message carries these fields unencoded).

const STRIPPED_PREFIXES = [
  'x-ms-exchange-organization-',
  'x-forefront-antispam-report',
  'x-microsoft-antispam',
];

/** The field name prefixes that are removed, lower case; printed with the bench's figures. */
export const strippedHeaderPrefixes: readonly string[] = STRIPPED_PREFIXES;

/** Longer field names than this are no names of ours; it bounds the look for the colon to the line. */
const MAX_NAME = 256;

/** Whether a header line (a field's first line) starts with one of the stripped names. */
function isStrippedField(text: string, lineStart: number, lineEnd: number): boolean {
  const head = text.slice(lineStart, Math.min(lineEnd, lineStart + MAX_NAME));
  const colon = head.indexOf(':');
  if (colon === -1) return false;
  const name = head.slice(0, colon).trimEnd().toLowerCase();
  return STRIPPED_PREFIXES.some((p) => name.startsWith(p));
}

/**
 * The message with the verdict fields left out. Works on a latin1 view of the bytes, so every byte
 * maps to one character and back: the rest of the message is unchanged whatever its charset.
 * One pass over the header section (each line is found with indexOf from where the last one ended).
 */
export function stripMicrosoftVerdict(bytes: Uint8Array): { bytes: Uint8Array; removed: number } {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const kept: string[] = [];
  let removed = 0;
  let dropping = false;
  let pos = 0;
  let from = 0; // start of the run of kept lines not yet copied
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl + 1;
    const contentEnd = nl === -1 ? text.length : nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (contentEnd === pos) break; // the empty line: the header section ends here
    const first = text.charCodeAt(pos);
    const continuation = first === 0x20 || first === 0x09;
    const drop: boolean = continuation ? dropping : isStrippedField(text, pos, contentEnd);
    if (!continuation) dropping = drop;
    if (drop) {
      if (pos > from) kept.push(text.slice(from, pos));
      if (!continuation) removed++;
      from = end;
    }
    pos = end;
  }
  if (removed === 0) return { bytes, removed };
  kept.push(text.slice(from));
  return { bytes: new Uint8Array(Buffer.from(kept.join(''), 'latin1')), removed };
}
