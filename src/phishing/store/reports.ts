// Reported messages in the database: seen once per (mailbox, message), advanced step by step, retried
// with backoff and set aside (quarantined, with the reason) after too many failures. Every write is
// one statement keyed by the report, so a worker killed at any point leaves a row it can resume from.
import type { Kysely, Selectable } from 'kysely';
import type { Database, PhishingReportStep, PhishingReportsTable } from '../../platform/db/index.js';

export type ReportRow = Selectable<PhishingReportsTable>;

export interface SeenMessage {
  mailbox: string;
  messageId: string;
  internetMessageId?: string | undefined;
  receivedAt: number;
}

export interface RetryPolicy {
  /** Failures after which a report is quarantined. */
  maxAttempts: number;
  /** Wait before attempt `n + 1` after `n` failures. */
  backoffMs(attempts: number): number;
}

/** Exponential from 30 s, doubling, at most an hour: a broken Archer gets time to come back. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 8,
  backoffMs: (n) => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, n - 1)),
};

const ERROR_MAX = 2000;

export class ReportStore {
  readonly #db: Kysely<Database>;
  readonly #now: () => number;

  constructor(db: Kysely<Database>, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** Records a message found in a report mailbox; a second sighting of it changes nothing. */
  async seen(m: SeenMessage): Promise<{ report: ReportRow; isNew: boolean }> {
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
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['mailbox', 'message_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { report: inserted, isNew: true };
    return { report: await this.#byMessage(m.mailbox, m.messageId), isNew: false };
  }

  async get(id: number): Promise<ReportRow | undefined> {
    return this.#db.selectFrom('phishing_reports').selectAll().where('id', '=', id).executeTakeFirst();
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

  /** Marks a step done, with what it produced; the next attempt may start at once. */
  async advance(
    id: number,
    step: PhishingReportStep,
    produced: { analysis?: string; campaignKey?: string; mime?: Uint8Array } = {},
  ): Promise<void> {
    await this.#db
      .updateTable('phishing_reports')
      .set({
        step,
        next_attempt_at: this.#now(),
        updated_at: this.#now(),
        ...(produced.analysis !== undefined ? { analysis: produced.analysis } : {}),
        ...(produced.campaignKey !== undefined ? { campaign_key: produced.campaignKey } : {}),
        ...(produced.mime !== undefined ? { mime: produced.mime } : {}),
      })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .execute();
  }

  /**
   * Counts a failure: the report waits for its backoff, or is quarantined with the reason once it
   * has failed `maxAttempts` times. Returns the state it is left in.
   */
  async fail(
    id: number,
    reason: string,
    policy: RetryPolicy = DEFAULT_RETRY,
  ): Promise<'pending' | 'quarantined'> {
    const row = await this.get(id);
    // A report already done or quarantined keeps its state; a failure report for it is stale.
    if (!row) return 'pending';
    if (row.state !== 'pending') return row.state === 'quarantined' ? 'quarantined' : 'pending';
    const attempts = row.attempts + 1;
    const quarantine = attempts >= policy.maxAttempts;
    const now = this.#now();
    await this.#db
      .updateTable('phishing_reports')
      .set({
        attempts,
        state: quarantine ? 'quarantined' : 'pending',
        next_attempt_at: quarantine ? now : now + policy.backoffMs(attempts),
        last_error: reason.slice(0, ERROR_MAX),
        updated_at: now,
      })
      .where('id', '=', id)
      .where('attempts', '=', row.attempts)
      .execute();
    return quarantine ? 'quarantined' : 'pending';
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
      .set({ state: 'pending', attempts: 0, next_attempt_at: this.#now(), updated_at: this.#now() })
      .where('id', '=', id)
      .where('state', '=', 'quarantined')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
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
