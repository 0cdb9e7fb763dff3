// Deletes stored reports past phishing.retention.keepDays: whole campaigns whose every report is older
// (never a part of one: its Archer record is rebuilt from all its reports, so a part would shrink the
// incident), and finished or quarantined reports without a campaign. Pending reports are never deleted.
//
// A campaign goes in two passes. The first removes its aliases, so no new report can find it; the
// next deletes its reports and its row. A report that read an alias just before the first pass joins
// the campaign a moment later, which makes the campaign young again before the second pass comes;
// deleting both at once could let such a report bring the row back empty, and Archer would get a
// second record under the old key.
//
// The newest report is always kept: SQLite gives a new row the highest id plus one, so deleting the
// newest would hand its id out again, and campaigns made before keys had a random part are named
// after their first report's id alone (`c<id>`), the key their Archer records carry.
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { type Database, type Dialect, dialectOf } from '../../platform/db/index.js';
import { type PhishingDb, type PhishingTables, phishingDb } from './tables.js';

/** What one batch or one pass removed. */
export interface Pruned {
  /** Campaigns deleted with their reports, and their Archer records (no longer updated by graphsoc). */
  campaigns: Array<{ key: string; archerContentId: number | null }>;
  /** Reports deleted with those campaigns. */
  campaignReports: number;
  /** Campaigns whose aliases were removed; they are deleted on the next pass. */
  retired: number;
  /** Done reports without a campaign (kept out of Archer by their report kind). */
  unfiled: number;
  /** Quarantined reports without a campaign. */
  quarantined: number;
}

export const emptyPruned = (): Pruned => ({
  campaigns: [],
  campaignReports: 0,
  retired: 0,
  unfiled: 0,
  quarantined: 0,
});

export interface PruneOptions {
  /** Epoch ms: a report or campaign touched at or after it is kept. */
  before: number;
  /** Most campaigns or reports removed by one statement (default 200). */
  batch?: number;
  /** Checked between batches: a pass stops early when its lease is lost. */
  signal?: AbortSignal;
}

type Db = Database & PhishingTables;

export class RetentionStore {
  readonly #db: PhishingDb;
  /** Read from the store's own instance: the view with the phishing tables is a new one. */
  readonly #dialect: Dialect | undefined;

  constructor(db: Kysely<Database>) {
    this.#db = phishingDb(db);
    this.#dialect = dialectOf(db);
  }

  /**
   * One pass: deletes the campaigns an earlier pass retired, retires the campaigns now past the
   * retention, and deletes old reports without a campaign, each in batches of `batch`.
   */
  async prune(o: PruneOptions): Promise<Pruned> {
    const out = emptyPruned();
    const limit = o.batch ?? 200;
    const more = (n: number) => n === limit && !o.signal?.aborted;
    for (let n = limit; more(n); ) {
      const b = await this.deleteRetired(o.before, limit);
      out.campaigns.push(...b.campaigns);
      out.campaignReports += b.reports;
      n = b.campaigns.length;
    }
    for (let n = limit; more(n); ) {
      n = await this.retire(o.before, limit);
      out.retired += n;
    }
    for (const state of ['done', 'quarantined'] as const) {
      for (let n = limit; more(n); ) {
        n = await this.deleteWithoutCampaign(state, o.before, limit);
        if (state === 'done') out.unfiled += n;
        else out.quarantined += n;
      }
    }
    return out;
  }

  /** Removes the aliases of up to `limit` campaigns past the retention; returns how many campaigns. */
  async retire(before: number, limit: number): Promise<number> {
    return this.#db.transaction().execute(async (tx) => {
      const newest = await newestReport(tx);
      const rows = await tx
        .selectFrom('phishing_campaigns as c')
        .select('c.key')
        .where((eb) =>
          eb.and([
            pastRetention(eb, before, newest),
            eb.exists(aliasesOf(eb)),
            // A fingerprint alias seen since means a report is joining right now.
            eb.not(eb.exists(aliasesOf(eb).where('a.last_seen_at', '>=', before))),
          ]),
        )
        .orderBy('c.last_report_at')
        .limit(limit)
        .execute();
      const keys = rows.map((r) => r.key);
      if (keys.length > 0)
        await tx.deleteFrom('phishing_campaign_aliases').where('campaign_key', 'in', keys).execute();
      return keys.length;
    });
  }

  /** Deletes up to `limit` retired campaigns (past the retention, no alias left) with their reports. */
  async deleteRetired(
    before: number,
    limit: number,
  ): Promise<{ campaigns: Pruned['campaigns']; reports: number }> {
    return this.#db.transaction().execute(async (tx) => {
      const newest = await newestReport(tx);
      const candidates = await tx
        .selectFrom('phishing_campaigns as c')
        .select(['c.key', 'c.archer_content_id'])
        .where((eb) => eb.and([pastRetention(eb, before, newest), eb.not(eb.exists(aliasesOf(eb)))]))
        .orderBy('c.last_report_at')
        .limit(limit)
        .execute();
      if (candidates.length === 0) return { campaigns: [], reports: 0 };
      // Their reports, locked on PostgreSQL and looked at again: a report released from quarantine
      // since the query above is pending now, and keeps its whole campaign.
      let q = tx
        .selectFrom('phishing_reports')
        .select(['id', 'campaign_key', 'state', 'received_at', 'updated_at'])
        .where(
          'campaign_key',
          'in',
          candidates.map((c) => c.key),
        );
      if (this.#dialect === 'postgres') q = q.forUpdate();
      const young = new Set(
        (await q.execute()).filter((r) => isYoung(r, before, newest)).map((r) => r.campaign_key),
      );
      const gone = candidates.filter((c) => !young.has(c.key));
      const keys = gone.map((c) => c.key);
      if (keys.length === 0) return { campaigns: [], reports: 0 };
      await tx
        .deleteFrom('phishing_report_iocs')
        .where(
          'report_id',
          'in',
          tx.selectFrom('phishing_reports').select('id').where('campaign_key', 'in', keys),
        )
        .execute();
      const r = await tx.deleteFrom('phishing_reports').where('campaign_key', 'in', keys).executeTakeFirst();
      await tx.deleteFrom('phishing_report_templates').where('campaign_key', 'in', keys).execute();
      await tx.deleteFrom('phishing_campaigns').where('key', 'in', keys).execute();
      return {
        campaigns: gone.map((c) => ({
          key: c.key,
          archerContentId: c.archer_content_id === null ? null : Number(c.archer_content_id),
        })),
        reports: Number(r.numDeletedRows),
      };
    });
  }

  /** Deletes up to `limit` reports in `state` without a campaign, untouched since `before`. */
  async deleteWithoutCampaign(state: 'done' | 'quarantined', before: number, limit: number): Promise<number> {
    const newest = await newestReport(this.#db);
    const old = (eb: ExpressionBuilder<Db, 'phishing_reports'>) =>
      eb.and([
        eb('state', '=', state),
        eb('campaign_key', 'is', null),
        eb('received_at', '<', before),
        eb('updated_at', '<', before),
        eb('id', '<', newest),
      ]);
    const rows = await this.#db
      .selectFrom('phishing_reports')
      .select('id')
      .where(old)
      .orderBy('id')
      .limit(limit)
      .execute();
    if (rows.length === 0) return 0;
    // The conditions again in the delete itself: a report released meanwhile stays.
    const r = await this.#db
      .deleteFrom('phishing_reports')
      .where(old)
      .where(
        'id',
        'in',
        rows.map((x) => x.id),
      )
      .executeTakeFirst();
    // Their IOC rows: those of the ids that are gone now (a report released meanwhile keeps its own).
    const ids = rows.map((x) => x.id);
    await this.#db
      .deleteFrom('phishing_report_iocs')
      .where('report_id', 'in', ids)
      .where(
        'report_id',
        'not in',
        this.#db.selectFrom('phishing_reports').select('id').where('id', 'in', ids),
      )
      .execute();
    return Number(r.numDeletedRows);
  }
}

/** The id of the newest report (kept, see above); 0 when there is none. */
async function newestReport(tx: Kysely<Db>): Promise<number> {
  const r = await tx
    .selectFrom('phishing_reports')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return r?.id == null ? 0 : Number(r.id);
}

/** A report that keeps its campaign: still worked on, reported or changed since `before`, or the newest. */
function isYoung(
  r: { id: number; state: string; received_at: number; updated_at: number },
  before: number,
  newest: number,
): boolean {
  return (
    r.state === 'pending' ||
    Number(r.received_at) >= before ||
    Number(r.updated_at) >= before ||
    Number(r.id) >= newest
  );
}

/**
 * Campaign `c` has had nothing happen since `before`: no report reported or changed since, none still
 * being worked on, and the newest report not among them. Its row's own times count too (an Archer
 * write touches them).
 */
function pastRetention(
  eb: ExpressionBuilder<Db & { c: Db['phishing_campaigns'] }, 'c'>,
  before: number,
  newest: number,
): Expression<SqlBool> {
  const young = eb
    .selectFrom('phishing_reports as r')
    .select('r.id')
    .whereRef('r.campaign_key', '=', 'c.key')
    .where((r) =>
      r.or([
        r('r.state', '=', 'pending'),
        r('r.received_at', '>=', before),
        r('r.updated_at', '>=', before),
        r('r.id', '>=', newest),
      ]),
    );
  return eb.and([
    eb('c.last_report_at', '<', before),
    eb('c.updated_at', '<', before),
    eb.not(eb.exists(young)),
  ]);
}

function aliasesOf(eb: ExpressionBuilder<Db & { c: Db['phishing_campaigns'] }, 'c'>) {
  return eb
    .selectFrom('phishing_campaign_aliases as a')
    .select('a.alias')
    .whereRef('a.campaign_key', '=', 'c.key');
}
