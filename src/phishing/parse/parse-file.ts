// parseMessageFile: one message file as an analyst holds it (.eml or Outlook .msg) to the reported
// original, through parseReport itself so that a file and a mailbox report are parsed alike.
// MIME goes to parseReport unchanged. An Outlook .msg (an OLE compound file, recognised by its first
// bytes rather than its name) is not MIME, so it is handed over the way Graph hands over a .msg fetched
// as a separate attachment: beside a header-only stand-in for the report mail. The stand-in costs one
// level, which is given back: the depth limit is one higher and the result's depth one lower, so the
// .msg file itself is depth 0 (source `msg`), a message attached to it depth 1, and so on.
// A file in hand may be the phish itself, so it is not a report mail (options.reportMail false): a
// forwarded header block in it is followed only when the file is plainly a forward from inside
// (forward-from-inside.ts; options.forwarderDomains name the organisation's domains).
import { isCompoundFile } from './embedded.js';
import { DEFAULT_LIMITS, type ParseOptions } from './limits.js';
import { parseReport } from './parse-report.js';
import { isUnparseable, type ParseResult } from './types.js';

const STAND_IN = new TextEncoder().encode('X-Graphsoc-Stand-In: message file\r\n\r\n');
// The schema's upper bounds (limits.ts); the stand-in must not push a valid option past them.
const MAX_DEPTH = 64;
const MAX_TOTAL_BYTES = 512 * 1024 * 1024;

/** `msg-unreadable:2` → `msg-unreadable:1`: warnings name levels below the file, not the stand-in. */
const shiftLevel = (w: string) => w.replace(/:(\d+)$/, (_, n: string) => `:${Math.max(0, Number(n) - 1)}`);

export async function parseMessageFile(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParseResult> {
  if (!isCompoundFile(bytes)) return parseReport(bytes, [], { ...options, reportMail: false });
  const maxDepth = options.maxDepth ?? DEFAULT_LIMITS.maxDepth;
  const maxTotalBytes = options.maxTotalBytes ?? DEFAULT_LIMITS.maxTotalBytes;
  const r = await parseReport(
    STAND_IN,
    // The schema's type is Uint8Array<ArrayBuffer>; the bytes are only read, never resized or shared.
    [
      {
        name: 'message.msg',
        contentType: 'application/vnd.ms-outlook',
        bytes: bytes as Uint8Array<ArrayBuffer>,
      },
    ],
    {
      ...options,
      reportMail: false,
      maxDepth: Math.min(MAX_DEPTH, maxDepth + 1),
      maxTotalBytes: Math.min(MAX_TOTAL_BYTES, maxTotalBytes + STAND_IN.byteLength),
    },
  );
  if (isUnparseable(r)) return r;
  // Depth 0 means parseReport could not open the .msg and fell back to the empty stand-in.
  if (r.depth === 0)
    return { unparseable: 'parser-failed', detail: 'not a readable Outlook .msg (damaged or empty)' };
  const isFile = r.depth === 1 && r.source === 'msg';
  return {
    ...r,
    reporter: null,
    // The file's own envelope is known only when the file is the original.
    wrapper: isFile
      ? { subject: r.original.subject, messageId: r.original.messageId, date: r.original.date }
      : { subject: '', messageId: null, date: null },
    depth: r.depth - 1,
    warnings: r.warnings.map(shiftLevel),
  };
}
