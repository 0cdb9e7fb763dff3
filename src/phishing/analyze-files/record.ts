// The JSON Lines record of `graphsoc phishing analyze --json`: one per input, documented in
// docs/phishing.md and stable. It is mapped field by field from the parse and analysis results, so a
// change to their internals cannot change this output unnoticed. IOCs here are not defanged.
import { z } from 'zod';
import { type Analysis, verifiedSignaturesSchema } from '../analyze/index.js';
import { templateSignatureSchema } from '../analyze/template/index.js';
import type { CampaignAliases } from '../campaigns/aliases.js';
import type { ParsedReport } from '../parse/index.js';

const address = z.object({ name: z.string(), address: z.string() }).strict();

const analysedSchema = z
  .object({
    file: z.string(),
    /** How the original was found: the file itself (`wrapper`; `msg` for an Outlook file) or inside it. */
    source: z.enum(['rfc822', 'eml', 'msg', 'inline-forward', 'wrapper']),
    depth: z.number().int().min(0),
    messageId: z.string().nullable(),
    subject: z.string(),
    date: z.string().nullable(),
    from: address.nullable(),
    replyTo: z.array(address),
    returnPath: z.string().nullable(),
    auth: z
      .object({
        spf: z.string().nullable(),
        dkim: z.string().nullable(),
        dmarc: z.string().nullable(),
        arc: z.string().nullable(),
        compauth: z.string().nullable(),
        // Added with issue 12: optional, so records written before still validate.
        compauthReason: z.string().nullable().optional(),
        dmarcPolicy: z.string().nullable().optional(),
        dkimAligned: z.boolean().nullable().optional(),
        authservIds: z.array(z.string()).optional(),
        details: z
          .array(
            z
              .object({
                method: z.string(),
                result: z.string(),
                props: z.record(z.string(), z.string()),
                source: z.enum(['Authentication-Results', 'ARC-Authentication-Results']),
              })
              .strict(),
          )
          .optional(),
      })
      .strict(),
    /** graphsoc's own DKIM and ARC verification; only with --verify-signatures. */
    signatures: verifiedSignaturesSchema.optional(),
    received: z.array(
      z
        .object({
          from: z.string().nullable(),
          by: z.string().nullable(),
          with: z.string().nullable(),
          ips: z.array(z.string()),
          timestamp: z.string().nullable(),
        })
        .strict(),
    ),
    iocs: z
      .object({
        urls: z.array(z.string()),
        domains: z.array(z.string()),
        ips: z.array(z.string()),
        emails: z.array(z.string()),
        attachments: z.array(
          z
            .object({
              name: z.string(),
              contentType: z.string(),
              size: z.number().int().min(0),
              md5: z.string(),
              sha1: z.string(),
              sha256: z.string(),
            })
            .strict(),
        ),
        allowListed: z.number().int().min(0),
        /** Indicators left out past the limit of 1000 of one kind per message. */
        beyondLimit: z.number().int().min(1).optional(),
      })
      .strict(),
    verdict: z
      .object({
        level: z.enum(['clean', 'suspicious', 'malicious']),
        score: z.number().int(),
        reasons: z.array(z.object({ code: z.string(), points: z.number(), text: z.string() }).strict()),
        /** The thresholds the level was judged by (phishing.verdict.thresholds); optional, added later. */
        thresholds: z
          .object({ suspicious: z.number().int(), malicious: z.number().int() })
          .strict()
          .optional(),
      })
      .strict(),
    campaignKey: z.string().nullable(),
    campaignAliases: z
      .object({ messageId: z.string().nullable(), fingerprint: z.string().nullable() })
      .strict(),
    /** What grouping by template compares (the pipeline keeps it with the campaign). */
    campaignTemplate: templateSignatureSchema.nullable(),
    warnings: z.array(z.string()),
    /** Other messages attached beside the one analysed (not analysed themselves). */
    alsoAttached: z.array(
      z
        .object({
          name: z.string(),
          subject: z.string().nullable(),
          from: z.string().nullable(),
          messageId: z.string().nullable(),
        })
        .strict(),
    ),
  })
  .strict();

const failedSchema = z
  .object({
    file: z.string(),
    error: z
      .object({
        /** A parse reason (`too-large`, `no-headers`, …), `unreadable`, or `analysis-failed`. */
        code: z.string(),
        detail: z.string(),
      })
      .strict(),
  })
  .strict();

/** Every line of the output is one of these two; a failed line has `error`, an analysed one never. */
export const analyzeRecordSchema = z.union([analysedSchema, failedSchema]);

export type AnalysedRecord = z.infer<typeof analysedSchema>;
export type FailedRecord = z.infer<typeof failedSchema>;
export type AnalyzeRecord = AnalysedRecord | FailedRecord;

export const isFailed = (r: AnalyzeRecord): r is FailedRecord => 'error' in r;

export const failedRecord = (file: string, code: string, detail: string): FailedRecord => ({
  file,
  error: { code, detail },
});

export function analysedRecord(
  file: string,
  parsed: ParsedReport,
  analysis: Analysis,
  aliases: CampaignAliases,
): AnalysedRecord {
  const m = parsed.original;
  const { auth, iocs, verdict } = analysis;
  return {
    file,
    source: parsed.source,
    depth: parsed.depth,
    messageId: m.messageId,
    subject: m.subject,
    date: m.date,
    from: m.from ? { name: m.from.name, address: m.from.address } : null,
    replyTo: m.replyTo.map((a) => ({ name: a.name, address: a.address })),
    returnPath: m.returnPath,
    auth: {
      spf: auth.spf,
      dkim: auth.dkim,
      dmarc: auth.dmarc,
      arc: auth.arc,
      compauth: auth.compauth,
      compauthReason: auth.compauthReason ?? null,
      dmarcPolicy: auth.dmarcPolicy ?? null,
      dkimAligned: auth.dkimAligned ?? null,
      authservIds: [...(auth.authservIds ?? [])],
      details: (auth.details ?? []).map((d) => ({
        method: d.method,
        result: d.result,
        props: { ...d.props },
        source: d.source,
      })),
    },
    ...(analysis.signatures
      ? {
          signatures: {
            ...analysis.signatures,
            dkim: analysis.signatures.dkim.map((d) => ({ ...d })),
            arc: analysis.signatures.arc && { ...analysis.signatures.arc },
          },
        }
      : {}),
    received: analysis.received.map((h) => ({
      from: h.from,
      by: h.by,
      with: h.with,
      ips: [...h.ips],
      timestamp: h.timestamp,
    })),
    iocs: {
      urls: [...iocs.urls],
      domains: [...iocs.domains],
      ips: [...iocs.ips],
      emails: [...iocs.emails],
      attachments: iocs.attachments.map((a) => ({
        name: a.name,
        contentType: a.contentType,
        size: a.size,
        md5: a.md5,
        sha1: a.sha1,
        sha256: a.sha256,
      })),
      allowListed: iocs.allowListed,
      ...(iocs.beyondLimit ? { beyondLimit: iocs.beyondLimit } : {}),
    },
    verdict: {
      level: verdict.level,
      score: verdict.score,
      reasons: verdict.reasons.map((r) => ({ code: r.code, points: r.points, text: r.text })),
      thresholds: { suspicious: verdict.thresholds.suspicious, malicious: verdict.thresholds.malicious },
    },
    // A fingerprint groups more reports (every copy of a campaign), so it is the key when there is one.
    campaignKey: aliases.fingerprint ?? aliases.messageId ?? null,
    campaignAliases: { messageId: aliases.messageId ?? null, fingerprint: aliases.fingerprint ?? null },
    campaignTemplate: analysis.campaign.template ?? null,
    warnings: [...parsed.warnings],
    alsoAttached: (parsed.alsoAttached ?? []).map((o) => ({
      name: o.name,
      subject: o.subject,
      from: o.from,
      messageId: o.messageId,
    })),
  };
}

// JSON.stringify leaves C1 controls and Unicode line/bidi controls raw; a terminal showing the line
// could act on them. Escaped, they parse back to the same string.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One JSON line, safe to print to a terminal. */
export const jsonLine = (r: AnalyzeRecord): string =>
  JSON.stringify(r).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
