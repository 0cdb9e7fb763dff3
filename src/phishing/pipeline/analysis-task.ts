// One report's parse and analysis as an analysis worker runs it: the stored MIME in, the record the
// pipeline keeps out. The headers-only record is handed over first, so a report whose full analysis
// runs out of time still has one (analysis-pool.ts keeps the last it was given).
import { type AnalyzeOptions, analyzeHeaders, type VerdictOptions } from '../analyze/index.js';
import type { CampaignInputs } from '../campaigns/index.js';
import type { ReportRecord } from '../cases/report-record.js';
import { isUnparseable, parseReport } from '../parse/index.js';
import { reportRecord } from './report-record.js';

export interface AnalysisTask {
  /** The report mail's MIME as stored at the fetch step. */
  mime: Uint8Array;
  receivedAt: number;
  /** phishing.limits */
  limits: { maxBytes: number; maxDepth: number; maxParts: number };
  ownDomains: string[];
  allowDomains: string[];
  /** phishing.authservIds */
  authservIds?: string[];
  /**
   * phishing.verdict. The analysis parses it again with the schema the configuration was checked by, so
   * what reaches the worker thread is validated there too (an unknown code fails the report's attempt).
   */
  verdict?: VerdictOptions;
}

export interface AnalysisResult {
  record: ReportRecord;
  /** What the campaign aliases are made of; null when the report could not be parsed. */
  campaign: CampaignInputs | null;
}

export async function analyseTask(
  task: AnalysisTask,
  partial: (result: AnalysisResult) => void,
): Promise<AnalysisResult> {
  const parsed = await parseReport(task.mime, [], {
    maxTotalBytes: task.limits.maxBytes,
    maxDepth: task.limits.maxDepth,
    maxParts: task.limits.maxParts,
    forwarderDomains: [...task.ownDomains],
  });
  const options: AnalyzeOptions = {
    ownDomains: [...task.ownDomains],
    allowDomains: [...task.allowDomains],
    authservIds: [...(task.authservIds ?? [])],
    ...(task.verdict ? { verdict: task.verdict } : {}),
  };
  if (!isUnparseable(parsed)) {
    const headers = reportRecord(parsed, task.receivedAt, options, analyzeHeaders);
    // Without its URLs a report could join a campaign of other URLs from the same sender and subject:
    // a partial one is grouped by its Message-ID only.
    partial({
      record: headers.record,
      campaign: headers.campaign && { ...headers.campaign, senderDomain: null, template: null },
    });
  }
  return reportRecord(parsed, task.receivedAt, options);
}
