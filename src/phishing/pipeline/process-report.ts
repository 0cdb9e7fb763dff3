// One report, step by step, each step recorded before the next begins, so a worker killed anywhere
// resumes where it stopped and nothing is lost or done twice:
//   fetched (MIME stored) → analysed (record + campaign) → cased (Archer up to date)
//   → notified (reporter told, when configured) → moved (categorised, in the Processed folder) → done
// A failure of the report's own counts an attempt with backoff; the last allowed one quarantines the
// report with its reason and marks the message with the failed category so it is visible in the
// mailbox too. An outage (Archer or Graph down, throttling, 5xx) counts no attempt: 'outage' tells
// the caller to stop the round and come back after the retry interval.
import {
  type GraphClient,
  getMessageMime,
  moveMessage,
  sendMail,
  updateMessage,
} from '../../connectors/microsoft/graph/index.js';
import type { PhishingConfig } from '../config.js';
import { domainOfEmail, isAllowedHost } from '../analyze/index.js';
import { campaignAliases } from '../campaigns/index.js';
import type { CaseSinkDeps } from '../cases/sink.js';
import { syncCase } from '../cases/sink.js';
import { renderReporterMail } from '../notify/render.js';
import { assignCampaign, type ReportRow, type ReportStore, recordOf, retryPolicy } from '../store/index.js';
import { isGsocError } from '../../platform/errors.js';
import type { KeyedLock } from '../../platform/keyed-lock.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import type { ReportRecord } from '../cases/report-record.js';
import type { AnalysisOutcome, ReportAnalysis } from './analysis-pool.js';
import type { AnalysisResult } from './analysis-task.js';
import { shouldFile } from './file-policy.js';
import { unparseableResult } from './report-record.js';

type Mailbox = PhishingConfig['mailboxes'][number];

export interface ProcessDeps {
  graph: GraphClient;
  db: Kysely<Database>;
  reports: ReportStore;
  sink: Omit<CaseSinkDeps, 'recordsOf' | 'firstMessage'>;
  config: Pick<
    PhishingConfig,
    | 'limits'
    | 'notify'
    | 'campaignWindowHours'
    | 'campaignSimilarity'
    | 'ownDomains'
    | 'allowDomains'
    | 'authservIds'
    | 'verdict'
    | 'verifySignatures'
    | 'dnsServers'
    | 'maxAttempts'
    | 'retryBaseSec'
    | 'maxOutageHours'
    | 'concurrency'
    | 'reportKinds'
  >;
  /** Where reports are parsed and analysed: the instance's worker threads (analysis-pool.ts). */
  analysis: ReportAnalysis;
  /**
   * Case writes of one campaign inside this process, one at a time (reports of a mailbox are worked
   * on concurrently); the claim in the database does the same across instances.
   */
  caseLock: KeyedLock;
  /** Processed folder id per mailbox, resolved (and created) once. */
  processedFolderId(mailbox: Mailbox): Promise<string>;
  now?: () => number;
}

const IMMUTABLE = { prefer: ['IdType="ImmutableId"'] };

export async function processReport(
  d: ProcessDeps,
  mailbox: Mailbox,
  row: ReportRow,
): Promise<'done' | 'pending' | 'outage' | 'quarantined'> {
  // Set once the analysis step has counted its attempt: its failure must not count another.
  const attempt = { counted: false };
  try {
    let r = row;
    if (r.mime === null && r.state === 'pending' && r.step === 'fetched') r = await fetchMime(d, mailbox, r);
    if (r.step === 'fetched') {
      const analysed = await analyse(d, r, attempt);
      if (analysed === 'quarantined') {
        await markFailed(d, mailbox, row);
        return analysed;
      }
      r = analysed;
    }
    if (r.step === 'analysed') r = await fileCase(d, mailbox, r);
    if (r.step === 'cased') r = await notify(d, mailbox, r);
    if (r.step === 'notified') {
      const m = mailbox.mailbox;
      await updateMessage(d.graph, m, r.message_id, { categories: [mailbox.processedCategory] }, IMMUTABLE);
      await moveMessage(d.graph, m, r.message_id, await d.processedFolderId(mailbox), IMMUTABLE);
      await d.reports.finish(r.id);
    }
    return 'done';
  } catch (e) {
    if (e instanceof CampaignBusy) {
      await d.reports.postpone(row.id, CASE_BUSY_RETRY_MS);
      return 'pending';
    }
    const reason = e instanceof Error ? e.message : String(e);
    const outage = isOutage(e);
    const state = await d.reports.fail(row.id, reason, policyOf(d), {
      outage,
      attemptCounted: attempt.counted,
    });
    // The mailbox shows a report's trouble from its first failure of its own (success replaces the
    // category); an outage could not set it anyway.
    if (state === 'quarantined' || (!outage && row.attempts === 0)) await markFailed(d, mailbox, row);
    if (state === 'quarantined') return state;
    return outage ? 'outage' : state;
  }
}

const policyOf = (d: ProcessDeps) =>
  retryPolicy({
    maxAttempts: d.config.maxAttempts,
    retryBaseMs: d.config.retryBaseSec * 1000,
    maxOutageMs: d.config.maxOutageHours * 3_600_000,
  });

/** The failed category on the message, best effort: the report's state in the database is what counts. */
async function markFailed(d: ProcessDeps, mailbox: Mailbox, row: ReportRow): Promise<void> {
  await updateMessage(
    d.graph,
    mailbox.mailbox,
    row.message_id,
    { categories: [mailbox.failedCategory] },
    IMMUTABLE,
  ).catch(() => undefined);
}

/** Archer or Graph unreachable, throttling or failing (already retried by the HTTP client). */
const isOutage = (e: unknown) => isGsocError(e) && e.retryable;

/** The row a step left; read again only when the step changed nothing (the report is no longer pending). */
async function after(d: ProcessDeps, id: number, row: ReportRow | undefined): Promise<ReportRow> {
  if (row) return row;
  const r = await d.reports.get(id);
  if (!r) throw new Error(`report ${id} vanished`);
  return r;
}

async function fetchMime(d: ProcessDeps, m: Mailbox, r: ReportRow): Promise<ReportRow> {
  // Read one byte past the parse limit, no more: a report too large to parse is then recorded as
  // such and still reaches the analysts, instead of failing the download (Graph allows 150 MB mails).
  const mime = await getMessageMime(d.graph, m.mailbox, r.message_id, {
    ...IMMUTABLE,
    maxBytes: d.config.limits.maxBytes,
  });
  return after(d, r.id, await d.reports.advance(r.id, 'fetched', { mime: new Uint8Array(mime.bytes) }));
}

/**
 * Parses and analyses the stored MIME on a worker thread, then records the result and the campaign.
 * The attempt is counted before the worker starts: a mail that kills the worker, or the instance, uses
 * one each time, and is quarantined once it has used them all instead of stalling every restart.
 */
async function analyse(
  d: ProcessDeps,
  row: ReportRow,
  attempt: { counted: boolean },
): Promise<ReportRow | 'quarantined'> {
  const begun = await d.reports.beginAttempt(row.id, policyOf(d));
  if (begun === 'quarantined') return begun;
  const r = await after(d, row.id, begun);
  if (r.state !== 'pending' || r.step !== 'fetched') return r;
  attempt.counted = true;
  const { limits, ownDomains, allowDomains, authservIds, verdict, verifySignatures, dnsServers } = d.config;
  const outcome = await d.analysis.analyse(
    {
      mime: r.mime ?? new Uint8Array(),
      receivedAt: r.received_at,
      limits: { maxBytes: limits.maxBytes, maxDepth: limits.maxDepth, maxParts: limits.maxParts },
      ownDomains: [...ownDomains],
      allowDomains: [...allowDomains],
      authservIds: [...authservIds],
      verdict,
      verifySignatures,
      dnsServers: [...dnsServers],
    },
    limits.analysisBudgetSec * 1000,
  );
  if (outcome.kind === 'over-budget')
    d.sink.logger?.warn(
      { report: r.id, budgetSec: limits.analysisBudgetSec },
      'report analysis ran out of its time budget; filed with what its headers gave',
    );
  const { record, campaign } = resultOf(outcome, r.received_at, limits.analysisBudgetSec);
  const ended = { attemptEnded: true };
  if (r.campaign_key) {
    // Analysed again (an operator's re-analyse) while in its campaign: it stays there, uncounted again,
    // and the campaign's record is rewritten with the new analysis.
    await d.sink.campaigns.reanalysed(r.campaign_key, r.id, JSON.stringify(record));
    const done = await d.reports.advance(r.id, 'analysed', {}, ended);
    attempt.counted = false;
    return after(d, r.id, done);
  }
  if (!shouldFile(record.kind, record.analysis?.verdict.level ?? null, d.config.reportKinds)) {
    // Analysed, answered and moved like any report, but no campaign and no incident.
    const skipped: ReportRecord = { ...record, filed: false };
    const done = await d.reports.advance(r.id, 'analysed', { analysis: JSON.stringify(skipped) }, ended);
    attempt.counted = false;
    return after(d, r.id, done);
  }
  const aliases = campaign ? campaignAliases(campaign) : {};
  const analysis = JSON.stringify(record);
  const c = await assignCampaign(
    d.db,
    r.id,
    aliases,
    r.received_at,
    {
      windowMs: d.config.campaignWindowHours * 3_600_000,
      similarity: d.config.campaignSimilarity,
      ...(d.now ? { now: d.now } : {}),
    },
    campaign?.template ?? null,
    analysis,
  );
  const produced = { analysis, campaignKey: c.key };
  const done = await d.reports.advance(r.id, 'analysed', produced, ended);
  // Given back with the step: a later step's failure counts an attempt of its own.
  attempt.counted = false;
  return after(d, r.id, done);
}

/**
 * The record of an analysis: the full one, or past the budget the headers-only one the worker handed
 * over, marked incomplete; when parsing itself did not finish, a record saying so (the analysts still
 * get the report, as with one that cannot be parsed).
 */
export function resultOf(outcome: AnalysisOutcome, reportedAt: number, budgetSec: number): AnalysisResult {
  if (outcome.kind === 'done') return outcome.result;
  const why = `the analysis ran out of its ${budgetSec} s budget (phishing.limits.analysisBudgetSec)`;
  if (outcome.partial)
    return {
      record: {
        ...outcome.partial.record,
        incomplete: `${why}; URLs, addresses and link checks of the bodies are missing`,
      },
      campaign: outcome.partial.campaign,
    };
  return unparseableResult(reportedAt, `over-budget: parsing did not end; ${why}`);
}

/** Longer than any case write takes: a claim left by a crashed worker of another mailbox frees itself then. */
const CASE_CLAIM_MS = 10 * 60_000;
/** A report whose campaign another mailbox's worker is writing tries again this soon. */
const CASE_BUSY_RETRY_MS = 2_000;

/** Another mailbox's worker is writing this campaign's record: not a failure, just later. */
class CampaignBusy extends Error {}

async function fileCase(d: ProcessDeps, m: Mailbox, r: ReportRow): Promise<ReportRow> {
  const key = r.campaign_key;
  if (!key) {
    if (recordOf(r)?.filed === false) return after(d, r.id, await d.reports.advance(r.id, 'cased'));
    throw new Error(`report ${r.id} has no campaign`);
  }
  // One writer per campaign: in this process by the lock, across instances by the claim, whose owner
  // is the mailbox because one instance at a time works it (its lease), so a restarted worker takes
  // its own claim back at once.
  const owner = m.mailbox.toLowerCase();
  await d.caseLock.run(key, async () => {
    if (!(await d.sink.campaigns.claimCase(key, owner, CASE_CLAIM_MS))) throw new CampaignBusy(key);
    try {
      await syncCase(
        {
          ...d.sink,
          recordsOf: (k) => d.reports.campaignRecords(k),
          firstMessage: (k) => firstMessage(d.reports, k),
        },
        key,
      );
    } finally {
      await d.sink.campaigns.releaseCase(key, owner);
    }
  });
  return after(d, r.id, await d.reports.advance(r.id, 'cased'));
}

async function notify(d: ProcessDeps, m: Mailbox, r: ReportRow): Promise<ReportRow> {
  const n = d.config.notify;
  const record = recordOf(r);
  // Only people of the organisation are mailed: the reporter is the report mail's From, which anyone
  // can forge, and graphsoc must not be made to mail strangers (with a subject the forger chose).
  const to =
    record?.reporter && isAllowedHost(domainOfEmail(record.reporter), d.config.ownDomains)
      ? record.reporter
      : null;
  // The verdict is known by now, so with both on the reporter gets both mails in one step; a crash
  // between them can repeat the acknowledgement, never an incident.
  const kinds = [...(n.acknowledge ? (['ack'] as const) : []), ...(n.verdict ? (['verdict'] as const) : [])];
  const toRecipients = to ? [{ emailAddress: { address: to } }] : [];
  for (const kind of toRecipients.length > 0 ? kinds : []) {
    const mail = renderReporterMail(kind, n.language, {
      subject: record?.subject ?? '',
      from: record?.from ?? undefined,
      ...(record?.analysis
        ? {
            level: record.analysis.verdict.level,
            reasons: record.analysis.verdict.reasons.map((x) => x.text),
          }
        : {}),
    });
    await sendMail(d.graph, m.mailbox, {
      subject: mail.subject,
      body: { contentType: 'HTML', content: mail.html },
      toRecipients,
    });
  }
  return after(d, r.id, await d.reports.advance(r.id, 'notified'));
}

async function firstMessage(reports: ReportStore, key: string) {
  const first = await reports.firstOfCampaign(key);
  // A report past the size limit was downloaded only in part: a cut-off .eml is no evidence.
  if (first?.record?.unparseable?.startsWith('too-large')) return undefined;
  return first?.mime ? { name: `report-${first.id}.eml`, bytes: first.mime } : undefined;
}
