// One report's parse and analysis as an analysis worker runs it: the stored MIME in, the record the
// pipeline keeps out. The headers-only record is handed over first, so a report whose full analysis
// runs out of time still has one (analysis-pool.ts keeps the last it was given).
import {
  type AnalyzeInputs,
  type AnalyzeOptions,
  analyzeHeaders,
  analyzeReport,
  type VerdictOptions,
} from '../analyze/index.js';
import type { CampaignInputs } from '../campaigns/index.js';
import type { ReportRecord } from '../cases/report-record.js';
import { isUnparseable, parseReport } from '../parse/index.js';
import { type DnsLookup, systemDnsLookup, verifyOriginal } from '../verify/index.js';
import { reportRecord } from './report-record.js';

/** One key look-up of signature verification (the whole verification gets twice this). */
const LOOKUP_TIMEOUT_MS = 5_000;

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
  /** phishing.verifySignatures: check the original's DKIM and ARC signatures against DNS first. */
  verifySignatures?: boolean;
  /** phishing.dnsServers: resolvers for those look-ups; the system's when empty. */
  dnsServers?: string[];
}

/** What the worker uses besides the task; tests put a DNS stand-in here. */
export interface AnalysisDeps {
  lookup?: DnsLookup;
}

export interface AnalysisResult {
  record: ReportRecord;
  /** What the campaign aliases are made of; null when the report could not be parsed. */
  campaign: CampaignInputs | null;
}

export async function analyseTask(
  task: AnalysisTask,
  partial: (result: AnalysisResult) => void,
  deps: AnalysisDeps = {},
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
  const inputs: AnalyzeInputs = {};
  // After the headers-only record, so a verification that eats the analysis budget costs no record.
  if (task.verifySignatures && !isUnparseable(parsed))
    inputs.signatures = await verifyOriginal(parsed, {
      lookup:
        deps.lookup ?? systemDnsLookup({ servers: task.dnsServers ?? [], timeoutMs: LOOKUP_TIMEOUT_MS }),
      lookupTimeoutMs: LOOKUP_TIMEOUT_MS,
      budgetMs: 2 * LOOKUP_TIMEOUT_MS,
      // Expiry (x=) is judged when the report came in, so analysing it again later changes nothing.
      at: new Date(task.receivedAt),
    });
  return reportRecord(parsed, task.receivedAt, options, analyzeReport, inputs);
}
