// verifySignatures: graphsoc's own check of a message's DKIM signatures and ARC chain with mailauth,
// against keys looked up in DNS. SPF is not checked: it judges the sending server's IP and HELO as the
// receiving MTA saw them, which a copy of the message no longer proves. Never throws for the message's
// sake: what cannot be checked comes back as permerror, temperror or a skip with its note.
import { type ARCData, arc, type DKIMVerifyResult, dkimVerify } from 'mailauth';
import { z } from 'zod';
import type { VerifiedSignatures } from '../analyze/index.js';
import type { ParsedReport } from '../parse/index.js';
import { boundedLookup } from './bounded-lookup.js';
import type { DnsLookup } from './dns-lookup.js';
import { arcResult, dkimResults } from './mailauth-results.js';
import { quietly } from './quiet-console.js';

export const verifyLimitsSchema = z
  .object({
    /** One key look-up; past it the signature is a temperror. */
    lookupTimeoutMs: z.number().int().min(1).max(60_000).default(5_000),
    /** The whole verification of one message; past it every result is a temperror. */
    budgetMs: z.number().int().min(1).max(120_000).default(10_000),
    /** Key look-ups per message; ARC allows 50 instances, real mail needs a handful. */
    maxLookups: z.number().int().min(1).max(200).default(50),
    /**
     * DKIM-Signature headers verified per message. mailauth hashes the body once per distinct
     * canonicalisation and length (l=), so a thousand signatures would hash a body a thousand times:
     * a message with more is not verified at all.
     */
    maxSignatures: z.number().int().min(1).max(100).default(20),
  })
  .strict();

export type VerifyLimits = z.input<typeof verifyLimitsSchema>;

export interface VerifyOptions extends VerifyLimits {
  lookup: DnsLookup;
  /** When signature expiry (x=) is judged: when the report arrived, not when it is analysed again. */
  at?: Date;
}

const skipped = (note: string): VerifiedSignatures => ({ status: 'skipped', note, dkim: [], arc: null });

/** The end of the header block (its blank line), or the whole message when it has no body. */
function headerEnd(mime: Buffer): number {
  const crlf = mime.indexOf('\r\n\r\n');
  const lf = mime.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length > 0 ? Math.min(...ends) : mime.byteLength;
}

/** How many header fields of `name` the header block has (a line-anchored name, linear). */
function countFields(header: string, name: 'dkim-signature' | 'arc-seal'): number {
  const re = name === 'dkim-signature' ? /^dkim-signature[ \t]*:/gim : /^arc-seal[ \t]*:/gim;
  return header.match(re)?.length ?? 0;
}

export async function verifySignatures(
  mime: Uint8Array,
  options: VerifyOptions,
): Promise<VerifiedSignatures> {
  const limits = verifyLimitsSchema.parse({
    lookupTimeoutMs: options.lookupTimeoutMs,
    budgetMs: options.budgetMs,
    maxLookups: options.maxLookups,
    maxSignatures: options.maxSignatures,
  });
  const bytes = Buffer.from(mime.buffer, mime.byteOffset, mime.byteLength);
  const header = bytes.toString('latin1', 0, headerEnd(bytes));
  const signatures = countFields(header, 'dkim-signature');
  if (signatures > limits.maxSignatures)
    return skipped(`${signatures} DKIM signatures, more than the ${limits.maxSignatures} verified`);
  if (signatures === 0 && countFields(header, 'arc-seal') === 0)
    return { status: 'verified', note: null, dkim: [], arc: null };

  const bounded = boundedLookup(options.lookup, {
    timeoutMs: limits.lookupTimeoutMs,
    maxLookups: limits.maxLookups,
  });
  const work = quietly(async (): Promise<VerifiedSignatures> => {
    const dkim: DKIMVerifyResult = await dkimVerify(bytes, {
      resolver: bounded.lookup,
      ...(options.at ? { curTime: options.at } : {}),
    });
    let chain: VerifiedSignatures['arc'] = null;
    const data = dkim.arc;
    if (data && (data.chain || data.error)) {
      const before = bounded.temporaryFailures();
      const amsStatus = data.lastEntry?.messageSignature?.status.result;
      try {
        // The typings say `chain` is always a list; mailauth gives false with `error` on a broken chain,
        // which arc() reads as the failure it is.
        const r = await arc(data as ARCData, { resolver: bounded.lookup });
        const troubled = bounded.temporaryFailures() > before || amsStatus === 'temperror';
        chain = arcResult(r, troubled);
      } catch (e) {
        // mailauth throws on some malformed chains instead of failing them: unjudged, not failed.
        chain = {
          result: 'permerror',
          instance: null,
          why: `verifier error: ${String((e as Error)?.message ?? e).slice(0, 100)}`,
        };
      }
    }
    return { status: 'verified', note: null, dkim: dkimResults(dkim.results), arc: chain };
  });
  let timer: NodeJS.Timeout | undefined;
  const over = new Promise<VerifiedSignatures>((resolve) => {
    timer = setTimeout(() => {
      bounded.abort();
      resolve({
        status: 'temperror',
        note: `verification took longer than ${limits.budgetMs} ms`,
        dkim: [],
        arc: null,
      });
    }, limits.budgetMs);
  });
  try {
    return await Promise.race([
      work.catch(
        (e: unknown): VerifiedSignatures => ({
          // A message mailauth cannot read is unjudged; it says nothing about the sender.
          ...skipped(`verifier error: ${String((e as Error)?.message ?? e).slice(0, 100)}`),
        }),
      ),
      over,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why a report's original cannot be verified, by how it arrived. */
const NO_MIME: Record<ParsedReport['source'], string> = {
  rfc822: 'the attached message has no MIME of its own',
  eml: 'the attached message has no MIME of its own',
  msg: 'an Outlook .msg or item holds no original MIME to verify',
  'inline-forward': 'a forward in the body keeps no original MIME to verify',
  wrapper: 'no attached original: the report mail itself is not verified',
};

/** The report's original verified, or skipped with the reason it has no bytes to verify. */
export function verifyOriginal(report: ParsedReport, options: VerifyOptions): Promise<VerifiedSignatures> {
  if (!report.originalMime) return Promise.resolve(skipped(NO_MIME[report.source]));
  return verifySignatures(report.originalMime, options);
}
