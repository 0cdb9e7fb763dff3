// A parse result → the record the pipeline keeps for the case: an unparseable report keeps its
// reason and still reaches the analysts; a parsed one keeps its envelope and analysis.
import { type Analysis, type AnalyzeInputs, type AnalyzeOptions, analyzeReport } from '../analyze/index.js';
import type { CampaignInputs } from '../campaigns/index.js';
import type { ReportRecord } from '../cases/report-record.js';
import { isUnparseable, type ParsedReport, type ParseResult, reportKind } from '../parse/index.js';

/** The record of a report that could not be read, with the reason: it still reaches the analysts. */
export function unparseableResult(
  reportedAt: number,
  reason: string,
): { record: ReportRecord; campaign: CampaignInputs | null } {
  return {
    record: {
      reportedAt,
      reporter: null,
      subject: '',
      from: null,
      replyTo: [],
      returnPath: null,
      messageId: null,
      unparseable: reason,
      analysis: null,
    },
    campaign: null,
  };
}

export function reportRecord(
  parsed: ParseResult,
  reportedAt: number,
  analyze: AnalyzeOptions,
  analyse: (report: ParsedReport, options: AnalyzeOptions, inputs: AnalyzeInputs) => Analysis = analyzeReport,
  inputs: AnalyzeInputs = {},
): { record: ReportRecord; campaign: CampaignInputs | null } {
  if (isUnparseable(parsed)) return unparseableResult(reportedAt, `${parsed.unparseable}: ${parsed.detail}`);
  const m = parsed.original;
  const analysis = analyse(parsed, analyze, inputs);
  return {
    record: {
      kind: reportKind(parsed.wrapper.subject),
      reportedAt,
      reporter: parsed.reporter?.address ?? null,
      subject: m.subject,
      from: m.from?.address ?? null,
      replyTo: m.replyTo.map((a) => a.address),
      returnPath: m.returnPath,
      messageId: m.messageId,
      ...(parsed.alsoAttached ? { alsoAttached: parsed.alsoAttached } : {}),
      analysis,
    },
    campaign: analysis.campaign,
  };
}
