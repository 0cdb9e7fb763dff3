// Reported messages in the database: seen once per (mailbox, message), advanced step by step, retried
// with backoff and set aside (quarantined, with the reason) after too many failures. Every write is
// one statement keyed by the report, so a worker killed at any point leaves a row it can resume from.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import type { ReportRecord } from '../cases/report-record.js';
import { recordOf } from './record-schema.js';
import { indexReport } from './report-index.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy.js';
import {
  type PhishingDb,
  type PhishingReportState,
  type PhishingReportStep,
  type PhishingReportsTable,
  phishingDb,
} from './tables.js';

export type ReportRow = Selectable<PhishingReportsTable>;

export interface SeenMessage {
  mailbox: string;
  messageId: string;
  internetMessageId?: string | undefined;
  receivedAt: number;
}

const ERROR_MAX = 2000;

/** How many reports are in each state, and how many finished without a campaign. */
export interface ReportCounts {
  byState: Record<PhishingReportState, number>;
  /** Done, but kept out of Archer by phishing.reportKinds. */
  notFiled: number;
}

/**
 * Parsed records kept per report: every case write of a campaign reads all its records again, so a
 * campaign of n reports would parse n²/2 of them. A record is written once, at the analyse step; the
 * stored text is compared anyway, so a changed row is parsed again.
 */
const PARSED_KEPT = 5000;

export class ReportStore {
  readonly #db: PhishingDb;
  readonly #now: () => number;
  readonly #parsed = new Map<number, { raw: string; record: ReportRecord }>();

  constructor(db: Kysely<Database>, now: () => number = Date.now) {
    this.#db = phishingDb(db);
    this.#now = now;
  }

  /**
   * Records a message found in a report mailbox; a second sighting of it changes nothing, and neither
   * does a copy of a report already recorded (same Internet Message-ID in the same mailbox, new Graph
   * id): it is the same report, and its campaign must not count it twice. The copy stays where it is.
   */
  async seen(m: SeenMessage): Promise<{ report: ReportRow; isNew: boolean }> {
    if (m.internetMessageId) {
      const copyOf = await this.#db
        .selectFrom('phishing_reports')
        .selectAll()
        .where('mailbox', '=', m.mailbox)
        .where('internet_message_id', '=', m.internetMessageId)
        .where('message_id', '!=', m.messageId)
        .orderBy('id')
        .executeTakeFirst();
      if (copyOf) return { report: copyOf, isNew: false };
    }
    const now = this.#now();
    const inserted = await this.#db
      .insertInto('phishing_reports')
      .values({
        mailbox: m.mailbox,
        message_id: m.messageId,
        internet_message_id: m.internetMessageId ?? null,
        received_at: m.receivedAt,
        state: 'pending',
        step: 'fetched',
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        campaign_key: null,
        analysis: null,
        mime: null,
        failing_since: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['mailbox', 'message_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { report: inserted, isNew: true };
    return { report: await this.#byMessage(m.mailbox, m.messageId), isNew: false };
  }

  async get(id: number, db: PhishingDb = this.#db): Promise<ReportRow | undefined> {
    return db.selectFrom('phishing_reports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Pending reports whose next attempt is due, oldest first. */
  async due(limit: number, mailbox?: string): Promise<ReportRow[]> {
    let q = this.#db
      .selectFrom('phishing_reports')
      .selectAll()
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', this.#now());
    if (mailbox !== undefined) q = q.where('mailbox', '=', mailbox);
    return q.orderBy('received_at').orderBy('id').limit(limit).execute();
  }

  /**
   * Marks a step done, with what it produced; the next attempt may start at once. Returns the row as
   * it is now, or undefined when the report is no longer pending (nothing changed).
   */
  async advance(
    id: number,
    step: PhishingReportStep,
    produced: { analysis?: string; campaignKey?: string; mime?: Uint8Array } = {},
    /** Gives back the attempt beginAttempt counted: the work it guarded ended. */
    opts: { attemptEnded?: boolean } = {},
  ): Promise<ReportRow | undefined> {
    const { analysis } = produced;
    if (analysis === undefined) return this.#advance(this.#db, id, step, produced, opts);
    // With its analysis, the console's columns and IOC rows of it, in the same transaction.
    return this.#db.transaction().execute(async (tx) => {
      const row = await this.#advance(tx, id, step, produced, opts);
      if (row && (await indexReport(tx, id, analysis))) return this.get(id, tx);
      return row;
    });
  }

  async #advance(
    db: PhishingDb,
    id: number,
    step: PhishingReportStep,
    produced: { analysis?: string; campaignKey?: string; mime?: Uint8Array },
    opts: { attemptEnded?: boolean },
  ): Promise<ReportRow | undefined> {
    return db
      .updateTable('phishing_reports')
      .set({
        step,
        ...(opts.attemptEnded ? { attempts: sql<number>`attempts - 1` } : {}),
        next_attempt_at: this.#now(),
        failing_since: null,
        updated_at: this.#now(),
        ...(produced.analysis !== undefined ? { analysis: produced.analysis } : {}),
        ...(produced.campaignKey !== undefined ? { campaign_key: produced.campaignKey } : {}),
        ...(produced.mime !== undefined ? { mime: produced.mime } : {}),
      })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Counts an attempt before work that could stop the worker or the whole instance with it (the
   * analysis of a hostile mail): should the process die during it, the attempt is used, and the report
   * waits its backoff instead of being taken up again at once. A report whose attempts were all used
   * that way is quarantined here instead of being worked again. The attempt is given back when the work
   * ends (advance with `attemptEnded`, or fail with `attemptCounted`). Returns the row as it is now,
   * 'quarantined', or undefined when the report is no longer pending.
   */
  async beginAttempt(
    id: number,
    policy: RetryPolicy = DEFAULT_RETRY,
  ): Promise<ReportRow | 'quarantined' | undefined> {
    const row = await this.get(id);
    if (row?.state !== 'pending') return undefined;
    const now = this.#now();
    const quarantine = row.attempts >= policy.maxAttempts;
    const attempts = quarantine ? row.attempts : row.attempts + 1;
    const updated = await this.#db
      .updateTable('phishing_reports')
      .set({
        attempts,
        state: quarantine ? 'quarantined' : 'pending',
        next_attempt_at: quarantine ? now : now + policy.backoffMs(attempts),
        ...(quarantine
          ? {
              last_error:
                `its analysis did not end in ${row.attempts} attempts: the worker or the instance stopped during it (last error: ${row.last_error ?? 'none'})`.slice(
                  0,
                  ERROR_MAX,
                ),
            }
          : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .where('updated_at', '=', row.updated_at)
      .returningAll()
      .executeTakeFirst();
    if (!updated) return undefined;
    return quarantine ? 'quarantined' : updated;
  }

  /**
   * Records a failure and returns the state the report is left in. A failure of the report's own
   * counts an attempt: the report waits for its backoff, or is quarantined with the reason once it has
   * failed `maxAttempts` times. An outage failure (`outage: true`) counts none: the report is retried
   * after `outageRetryMs`, and quarantined only when such failures have lasted longer than `maxOutageMs`.
   */
  async fail(
    id: number,
    reason: string,
    policy: RetryPolicy = DEFAULT_RETRY,
    /** `attemptCounted`: beginAttempt counted this failure's attempt already (an outage gives it back). */
    opts: { outage?: boolean; attemptCounted?: boolean } = {},
  ): Promise<'pending' | 'quarantined'> {
    const row = await this.get(id);
    // A report already done or quarantined keeps its state; a failure report for it is stale.
    if (!row) return 'pending';
    if (row.state !== 'pending') return row.state === 'quarantined' ? 'quarantined' : 'pending';
    const now = this.#now();
    const counted = opts.attemptCounted ? 1 : 0;
    const attempts = opts.outage ? row.attempts - counted : row.attempts + 1 - counted;
    const failingSince = opts.outage ? (row.failing_since ?? now) : null;
    const quarantine =
      attempts >= policy.maxAttempts || (failingSince !== null && now - failingSince > policy.maxOutageMs);
    const wait = opts.outage ? policy.outageRetryMs : policy.backoffMs(attempts);
    await this.#db
      .updateTable('phishing_reports')
      .set({
        attempts,
        failing_since: failingSince,
        state: quarantine ? 'quarantined' : 'pending',
        next_attempt_at: quarantine ? now : now + wait,
        last_error: reason.slice(0, ERROR_MAX),
        updated_at: now,
      })
      .where('id', '=', id)
      .where('updated_at', '=', row.updated_at)
      .execute();
    return quarantine ? 'quarantined' : 'pending';
  }

  /** Tries the report again after `ms`, counting nothing: it waited for another worker, not failed. */
  async postpone(id: number, ms: number): Promise<void> {
    await this.#db
      .updateTable('phishing_reports')
      .set({ next_attempt_at: this.#now() + ms, updated_at: this.#now() })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .execute();
  }

  /** The report is finished: its MIME is no longer kept. */
  async finish(id: number): Promise<void> {
    await this.#db
      .updateTable('phishing_reports')
      .set({ state: 'done', step: 'moved', mime: null, updated_at: this.#now() })
      .where('id', '=', id)
      .execute();
  }

  /** Quarantined reports, newest first, for the dashboard. */
  async quarantined(limit: number): Promise<ReportRow[]> {
    return this.#db
      .selectFrom('phishing_reports')
      .selectAll()
      .where('state', '=', 'quarantined')
      .orderBy('updated_at', 'desc')
      .limit(limit)
      .execute();
  }

  /** An operator sends a quarantined report back: it starts again from the step it had reached. */
  async release(id: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('phishing_reports')
      .set(this.#backToWork())
      .where('id', '=', id)
      .where('state', '=', 'quarantined')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * An operator asks for a quarantined report to be parsed and analysed again from its kept MIME: it
   * goes back to the analysis step with its attempts reset, and the mailbox's owner takes it up like a
   * released one (a report already in a campaign stays in it, see CampaignStore.reanalysed). One
   * conditional statement: of two operators, or an operator and a release, one wins, and a report a
   * worker may be working on (pending) is never touched. Says why when nothing changed.
   */
  async reanalyse(id: number): Promise<'queued' | 'missing' | 'in-flight' | 'mime-gone'> {
    const r = await this.#db
      .updateTable('phishing_reports')
      .set({ ...this.#backToWork(), step: 'fetched' })
      .where('id', '=', id)
      .where('state', '=', 'quarantined')
      .where('mime', 'is not', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) return 'queued';
    const row = await this.#db
      .selectFrom('phishing_reports')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return 'missing';
    // Quarantined without its MIME (never fetched), or done (the MIME goes with the last step).
    return row.state === 'pending' ? 'in-flight' : 'mime-gone';
  }

  /** The records of a campaign's reports, in the order they were reported, with why each joined. */
  async campaignRecords(key: string): Promise<ReportRecord[]> {
    const rows = await this.#db
      .selectFrom('phishing_reports')
      .select(['id', 'analysis', 'campaign_join'])
      .where('campaign_key', '=', key)
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    return rows.flatMap((row) => {
      const record = this.#recordOf(row);
      if (!record) return [];
      return row.campaign_join ? [{ ...record, campaignJoin: row.campaign_join }] : [record];
    });
  }

  /** A campaign's first report: its MIME (while kept) and its record. */
  async firstOfCampaign(
    key: string,
  ): Promise<{ id: number; mime: Uint8Array | null; record: ReportRecord | undefined } | undefined> {
    const row = await this.#db
      .selectFrom('phishing_reports')
      .select(['mime', 'id', 'analysis'])
      .where('campaign_key', '=', key)
      .orderBy('received_at')
      .orderBy('id')
      .executeTakeFirst();
    return row ? { id: row.id, mime: row.mime, record: recordOf(row) } : undefined;
  }

  /** For the dashboard. */
  async counts(): Promise<ReportCounts> {
    const rows = await this.#db
      .selectFrom('phishing_reports')
      .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    const n = (s: PhishingReportState) => Number(rows.find((r) => r.state === s)?.n ?? 0);
    const notFiled = await this.#db
      .selectFrom('phishing_reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'done')
      .where('campaign_key', 'is', null)
      .executeTakeFirst();
    return {
      byState: { pending: n('pending'), done: n('done'), quarantined: n('quarantined') },
      notFiled: Number(notFiled?.n ?? 0),
    };
  }

  #recordOf(row: { id: number; analysis: string | null }): ReportRecord | undefined {
    const kept = this.#parsed.get(row.id);
    if (kept && kept.raw === row.analysis) return kept.record;
    const record = recordOf(row);
    if (record && row.analysis) {
      this.#parsed.delete(row.id);
      this.#parsed.set(row.id, { raw: row.analysis, record });
      if (this.#parsed.size > PARSED_KEPT) this.#parsed.delete(this.#parsed.keys().next().value as number);
    }
    return record;
  }

  /** A quarantined report sent back by an operator: due now, with its attempts and outage reset. */
  #backToWork() {
    const now = this.#now();
    return {
      state: 'pending',
      attempts: 0,
      failing_since: null,
      next_attempt_at: now,
      updated_at: now,
    } as const;
  }

  async #byMessage(mailbox: string, messageId: string): Promise<ReportRow> {
    return this.#db
      .selectFrom('phishing_reports')
      .selectAll()
      .where('mailbox', '=', mailbox)
      .where('message_id', '=', messageId)
      .executeTakeFirstOrThrow();
  }
}
