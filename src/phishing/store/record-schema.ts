// The zod shape of a stored report record, and how a stored one is read back (phishing_reports.analysis, as JSON). The case is rebuilt
// from these records, so a row written by another version, or edited by hand, must not reach Archer
// as whatever it happens to hold: it is parsed, and a row that does not fit fails its report.
import { z } from 'zod';
import type { ReportRecord } from '../cases/report-record.js';
import { verifiedSignaturesSchema } from '../analyze/index.js';
import { templateSignatureSchema } from '../analyze/template/index.js';
import { StoredRecordError } from './errors.js';

const reason = z.object({ code: z.string(), points: z.number(), text: z.string() });

const analysisSchema = z.object({
  received: z.array(
    z.object({
      from: z.string().nullable(),
      by: z.string().nullable(),
      with: z.string().nullable(),
      ips: z.array(z.string()),
      timestamp: z.string().nullable(),
    }),
  ),
  auth: z.object({
    spf: z.string().nullable(),
    dkim: z.string().nullable(),
    dmarc: z.string().nullable(),
    arc: z.string().nullable(),
    compauth: z.string().nullable(),
    sources: z.array(z.string()),
    // Added with issue 12; records stored before it have none of these.
    compauthReason: z.string().nullable().optional(),
    dmarcPolicy: z.string().nullable().optional(),
    dkimAligned: z.boolean().nullable().optional(),
    authservIds: z.array(z.string()).optional(),
    details: z
      .array(
        z.object({
          method: z.string(),
          result: z.string(),
          props: z.record(z.string(), z.string()),
          source: z.enum(['Authentication-Results', 'ARC-Authentication-Results']),
        }),
      )
      .optional(),
  }),
  antiSpam: z.object({
    scl: z.number().nullable(),
    bcl: z.number().nullable(),
    pcl: z.number().nullable(),
    report: z.record(z.string(), z.string()),
  }),
  iocs: z.object({
    urls: z.array(z.string()),
    domains: z.array(z.string()),
    ips: z.array(z.string()),
    emails: z.array(z.string()),
    attachments: z.array(
      z.object({
        name: z.string(),
        contentType: z.string(),
        size: z.number(),
        md5: z.string(),
        sha1: z.string(),
        sha256: z.string(),
      }),
    ),
    allowListed: z.number(),
    beyondLimit: z.number().optional(),
  }),
  lookalikes: z.array(
    z.object({
      domain: z.string(),
      imitates: z.string(),
      kind: z.enum(['homoglyph', 'punycode', 'edit-distance']),
    }),
  ),
  // Records stored before attachment inspection and configurable verdicts have neither.
  inspected: z
    .array(
      z.object({
        name: z.string(),
        detected: z.string(),
        claimed: z.string().optional(),
        found: z.array(z.string()),
        loads: z.array(z.string()),
        dangerous: z.array(z.object({ name: z.string(), risk: z.string() })),
        skipped: z.string().optional(),
      }),
    )
    .optional(),
  // graphsoc's own DKIM and ARC verification: only with phishing.verifySignatures, and records stored
  // before it have none.
  signatures: verifiedSignaturesSchema.optional(),
  verdict: z.object({
    level: z.enum(['clean', 'suspicious', 'malicious']),
    score: z.number(),
    reasons: z.array(reason),
    thresholds: z.object({ suspicious: z.number(), malicious: z.number() }).optional(),
  }),
  campaign: z.object({
    subject: z.string(),
    urlFingerprint: z.string().nullable(),
    senderDomain: z.string().nullable(),
    messageId: z.string().nullable(),
    // Records from before grouping by template have none.
    template: templateSignatureSchema.optional(),
  }),
});

/** Typed against ReportRecord, so the two cannot drift apart unnoticed. */
export const reportRecordSchema: z.ZodType<ReportRecord> = z.object({
  reportedAt: z.number(),
  reporter: z.string().nullable(),
  subject: z.string(),
  from: z.string().nullable(),
  replyTo: z.array(z.string()),
  returnPath: z.string().nullable(),
  messageId: z.string().nullable(),
  kind: z.enum(['phishing', 'junk', 'not-junk', 'unspecified']).optional(),
  filed: z.boolean().optional(),
  alsoAttached: z
    .array(
      z.object({
        name: z.string(),
        subject: z.string().nullable(),
        from: z.string().nullable(),
        messageId: z.string().nullable(),
      }),
    )
    .optional(),
  incomplete: z.string().optional(),
  unparseable: z.string().optional(),
  campaignJoin: z.string().optional(),
  analysis: analysisSchema.nullable(),
});

/** The record the analyse step stored with a report, parsed; undefined before that step. */
export function recordOf(row: { id: number; analysis: string | null } | undefined): ReportRecord | undefined {
  if (!row?.analysis) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(row.analysis);
  } catch {
    throw new StoredRecordError(row.id, 'not JSON');
  }
  const r = reportRecordSchema.safeParse(json);
  if (!r.success) throw new StoredRecordError(row.id, r.error.issues[0]?.message ?? 'wrong shape');
  return r.data;
}
