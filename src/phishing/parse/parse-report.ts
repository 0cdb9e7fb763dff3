// parseReport: raw MIME of a report mail (Graph's /messages/{id}/$value), optionally with the
// attachment bytes Graph returned separately, to the reported original. Pure: no network, no config.
// Bad mail never throws: it becomes a ParsedReport with warnings or an Unparseable with a reason code.
// Only the caller's own mistakes (invalid options or attachment descriptors) throw, as a ZodError.
// Attachments handed in separately are used only when the MIME itself carries no attached message.
import { z } from 'zod';
import { alsoAttached } from './also-attached.js';
import { embeddedKind } from './embedded.js';
import { isForwardFromInside } from './forward-from-inside.js';
import { findInlineForward } from './inline-forward.js';
import { Budget, LimitExceeded, type ParseOptions, parseOptionsSchema } from './limits.js';
import { domainOfEmail } from './mail-domain.js';
import { MimeLimit } from './mime.js';
import { parseMsg } from './msg.js';
import type { EmbeddedRef } from './node.js';
import type { ParsedMessage, ParseResult, ParsedReport, Unparseable } from './types.js';
import { descend, mimeNode } from './walk.js';

/** An attachment as Graph hands it out: fileAttachment contentBytes, or an itemAttachment's $value. */
export const suppliedAttachmentSchema = z.object({
  name: z.string(),
  contentType: z.string().nullable().default('application/octet-stream'),
  bytes: z.instanceof(Uint8Array),
  /** Graph sets contentType null for item attachments; their $value is MIME. */
  isItem: z.boolean().default(false),
});
export type SuppliedAttachment = z.input<typeof suppliedAttachmentSchema>;

function supplied(list: SuppliedAttachment[], budget: Budget): EmbeddedRef[] {
  const open = (bytes: Uint8Array) => mimeNode(bytes, budget);
  return list.flatMap((input): EmbeddedRef[] => {
    const a = suppliedAttachmentSchema.parse(input);
    const contentType = a.isItem ? 'message/rfc822' : (a.contentType ?? 'application/octet-stream');
    const kind = a.isItem ? 'rfc822' : embeddedKind({ name: a.name, contentType, bytes: a.bytes });
    if (!kind) return [];
    return [
      {
        kind,
        name: a.name,
        size: a.bytes.byteLength,
        open: () => (kind === 'msg' ? parseMsg(a.bytes, budget, open) : open(a.bytes)),
      },
    ];
  });
}

const fail = (unparseable: Unparseable['unparseable'], detail: string): Unparseable => ({
  unparseable,
  detail,
});

async function run(
  raw: Uint8Array,
  attachments: SuppliedAttachment[],
  options: ParseOptions,
): Promise<ParseResult> {
  const limits = parseOptionsSchema.parse(options);
  const budget = new Budget(limits);
  if (raw.byteLength === 0) return fail('empty', 'the report has no bytes');
  budget.spendBytes(raw.byteLength);
  const warnings: string[] = [];
  const top = await mimeNode(raw, budget);
  // A mail has at least one field whose name is printable ASCII without a colon (RFC 5322 §3.6.8).
  if (!top.message.headers.some((h) => /^[!-9;-~]+$/.test(h.name)))
    return fail('no-headers', 'the report has no header lines');
  const extra = supplied(attachments, budget);
  const descent = await descend(top, extra, budget, warnings);
  const siblings = (top.embedded.length > 0 ? top.embedded : extra).filter((r) => r !== descent.followed);
  const others = siblings.length > 0 ? await alsoAttached(siblings, budget) : [];
  const wrapper = top.message;
  const report: ParsedReport = {
    // From, else Sender: the person who pressed Forward or Report (mime.ts falls back to Sender).
    reporter: wrapper.from,
    wrapper: { subject: wrapper.subject, messageId: wrapper.messageId, date: wrapper.date },
    original: descent.node.message,
    source: descent.source,
    depth: descent.depth,
    warnings,
    ...(others.length > 0 ? { alsoAttached: others } : {}),
  };
  const reporter = limits.reportMail ? wrapper.from?.address : undefined;
  const reporterDomain = reporter?.includes('@') ? domainOfEmail(reporter) : null;
  const forwarders = [...limits.forwarderDomains, ...(reporterDomain ? [reporterDomain] : [])];
  if (descent.source === 'wrapper') {
    // The reporter's own plain forward is followed whoever they are; a file in hand only when it is
    // plainly a forward from inside (it may be the phish, with a fake forwarded block of its own).
    if (limits.reportMail || isForwardFromInside(wrapper, forwarders)) {
      const inline = viaInlineForward(report, wrapper, []);
      if (inline) return inline;
    } else if (findInlineForward(wrapper.text, wrapper.html)) warnings.push('inline-forward-not-followed');
    if (limits.reportMail) warnings.push('no-original-found');
    // A report mail is never its own original; a file in hand that forwards nothing is the message.
    return limits.reportMail || !top.mime ? report : { ...report, originalMime: top.mime };
  }
  const inner = descent.node;
  if (inner.embedded.length === 0 && isForwardFromInside(inner.message, forwarders))
    return viaInlineForward(report, inner.message, ['forwarded-from-inside']) ?? report;
  const attached = descent.source === 'rfc822' || descent.source === 'eml';
  return attached && inner.mime ? { ...report, originalMime: inner.mime } : report;
}

/** The report with the original taken from the forwarded header block in `carrier`, if it has one. */
function viaInlineForward(
  report: ParsedReport,
  carrier: ParsedMessage,
  moreWarnings: string[],
): ParsedReport | null {
  const inline = findInlineForward(carrier.text, carrier.html);
  if (!inline) return null;
  // The forward carried the phish's attachments along.
  inline.attachments = carrier.attachments;
  return {
    ...report,
    original: inline,
    source: 'inline-forward',
    warnings: [...report.warnings, 'headers-lost-in-forward', ...moreWarnings],
  };
}

export async function parseReport(
  raw: Uint8Array,
  attachments: SuppliedAttachment[] = [],
  options: ParseOptions = {},
): Promise<ParseResult> {
  try {
    return await run(raw, attachments, options);
  } catch (err) {
    if (err instanceof LimitExceeded || err instanceof MimeLimit) return fail(err.reason, err.message);
    // Invalid options are the caller's mistake and must not pass as a bad mail.
    if (err instanceof z.ZodError) throw err;
    return fail('parser-failed', err instanceof Error ? err.message.slice(0, 200) : 'unknown parser failure');
  }
}
