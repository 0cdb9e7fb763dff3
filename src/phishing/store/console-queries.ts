// The console's reads of the phishing tables: campaigns newest first (keyset paged), a campaign's
// reports, one report, the quarantine, the search, and the counts behind the overview's charts. Each
// query is served by an index of 0010_phishing_console; none reads a report's MIME.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { type PhishingDb, type PhishingReportState, phishingDb, type VerdictLevel } from './tables.js';

export interface CampaignListRow {
  key: string;
  subject: string | null;
  verdict: VerdictLevel | null;
  report_count: number;
  first_report_at: number;
  last_report_at: number;
  archer_content_id: number | null;
}

export interface ReportListRow {
  id: number;
  mailbox: string;
  received_at: number;
  state: PhishingReportState;
  step: string;
  attempts: number;
  last_error: string | null;
  campaign_key: string | null;
  campaign_join: string | null;
  verdict: VerdictLevel | null;
  subject: string | null;
  sender: string | null;
  reporter: string | null;
  report_kind: string | null;
  original_message_id: string | null;
  updated_at: number;
}

/** A report with its analysis JSON and whether its MIME is still kept. */
export type ReportDetailRow = ReportListRow & { analysis: string | null; mime_kept: boolean };

export interface SearchTerms {
  /** Lowercased prefix of a subject or a sender address. */
  prefix?: string;
  /** Normalised IOC values, tried as each kind. */
  iocs: readonly string[];
  /** Message-IDs, with and without angle brackets. */
  messageIds: readonly string[];
}

/** The bucket counts of a time series: `counts[verdict][i]`. */
export type Buckets = Map<string, number[]>;

const LIST_COLUMNS = [
  'id',
  'mailbox',
  'received_at',
  'state',
  'step',
  'attempts',
  'last_error',
  'campaign_key',
  'campaign_join',
  'verdict',
  'subject',
  'sender',
  'reporter',
  'report_kind',
  'original_message_id',
  'updated_at',
] as const;

/** The highest code point: the end of a prefix range in byte order. */
const PREFIX_END = '\u{10FFFF}';

/** What the campaign list and a campaign's page show of it. */
const CAMPAIGN_COLUMNS = [
  'key',
  'subject',
  'verdict',
  'report_count',
  'first_report_at',
  'last_report_at',
  'archer_content_id',
] as const;

export class ConsoleQueries {
  readonly #db: PhishingDb;

  constructor(db: Kysely<Database>) {
    this.#db = phishingDb(db);
  }

  /** Campaigns by last report, newest first, after `before` (the last row of the previous page). */
  async campaigns(limit: number, before?: { at: number; key: string }): Promise<CampaignListRow[]> {
    let q = this.#db.selectFrom('phishing_campaigns').select(CAMPAIGN_COLUMNS);
    if (before)
      q = q.where((eb) =>
        eb.or([
          eb('last_report_at', '<', before.at),
          eb.and([eb('last_report_at', '=', before.at), eb('key', '<', before.key)]),
        ]),
      );
    const rows = await q.orderBy('last_report_at', 'desc').orderBy('key', 'desc').limit(limit).execute();
    return rows.map(numbers);
  }

  async campaign(key: string): Promise<CampaignListRow | undefined> {
    const row = await this.#db
      .selectFrom('phishing_campaigns')
      .select(CAMPAIGN_COLUMNS)
      .where('key', '=', key)
      .executeTakeFirst();
    return row && numbers(row);
  }

  /** A campaign's reports in the order they came, after `after`, with their analysis for the reasons and IOCs. */
  async campaignReports(
    key: string,
    limit: number,
    after?: { at: number; id: number },
  ): Promise<Array<ReportListRow & { analysis: string | null }>> {
    let q = this.#db
      .selectFrom('phishing_reports')
      .select([...LIST_COLUMNS, 'analysis'])
      .where('campaign_key', '=', key);
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('received_at', '>', after.at),
          eb.and([eb('received_at', '=', after.at), eb('id', '>', after.id)]),
        ]),
      );
    const rows = await q.orderBy('received_at').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  async report(id: number): Promise<ReportDetailRow | undefined> {
    const row = await this.#db
      .selectFrom('phishing_reports')
      .select([
        ...LIST_COLUMNS,
        'analysis',
        (eb) => eb.case().when('mime', 'is not', null).then(1).else(0).end().as('kept'),
      ])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const { kept, ...rest } = row;
    return { ...rest, id: Number(rest.id), mime_kept: Number(kept) === 1 };
  }

  /** Quarantined reports, newest first, with whether each has its MIME (re-analyse needs it). */
  async quarantined(limit: number): Promise<Array<ReportListRow & { mime_kept: boolean }>> {
    const rows = await this.#db
      .selectFrom('phishing_reports')
      .select([
        ...LIST_COLUMNS,
        (eb) => eb.case().when('mime', 'is not', null).then(1).else(0).end().as('kept'),
      ])
      .where('state', '=', 'quarantined')
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(({ kept, ...r }) => ({ ...r, id: Number(r.id), mime_kept: Number(kept) === 1 }));
  }

  async quarantinedCount(): Promise<number> {
    const r = await this.#db
      .selectFrom('phishing_reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'quarantined')
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /**
   * Reports matching any of the terms, newest first: a subject or sender starting with the prefix (a
   * range on the lowercased keys, so an index serves it), an IOC exactly, a Message-ID exactly.
   */
  async search(t: SearchTerms, limit: number): Promise<ReportListRow[]> {
    const ids = new Set<number>();
    const take = async (q: Promise<Array<{ id: number }>>) => {
      for (const r of await q) ids.add(Number(r.id));
    };
    const base = () =>
      this.#db.selectFrom('phishing_reports').select('id').orderBy('id', 'desc').limit(limit);
    if (t.prefix) {
      await take(this.#newestWithPrefix('subject_key', t.prefix, limit));
      await take(this.#newestWithPrefix('sender_key', t.prefix, limit));
    }
    if (t.iocs.length > 0)
      await take(
        this.#db
          .selectFrom('phishing_report_iocs')
          .select('report_id as id')
          .where('value', 'in', [...t.iocs])
          .orderBy('report_id', 'desc')
          .limit(limit)
          .execute(),
      );
    if (t.messageIds.length > 0)
      await take(
        base()
          .where('original_message_id', 'in', [...t.messageIds])
          .execute(),
      );
    if (ids.size === 0) return [];
    const rows = await this.#db
      .selectFrom('phishing_reports')
      .select(LIST_COLUMNS)
      .where('id', 'in', [...ids])
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  /**
   * The newest reports whose key starts with `prefix`. The range is read first, from the index alone
   * (key, id), then sorted: asked for "newest first" directly, PostgreSQL walks the primary key from
   * the top and, when the matches are old (one big campaign of months ago), skips most of the table.
   */
  #newestWithPrefix(column: 'subject_key' | 'sender_key', prefix: string, limit: number) {
    return this.#db
      .with(
        (cte) => cte('matches').materialized(),
        (db) =>
          db
            .selectFrom('phishing_reports')
            .select('id')
            .where(column, '>=', prefix)
            .where(column, '<', prefix + PREFIX_END),
      )
      .selectFrom('matches')
      .select('id')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Reports per bucket of `stepMs` from `from`, by verdict ('none' for a report not analysed yet). */
  async reportsByVerdict(from: number, stepMs: number, buckets: number): Promise<Buckets> {
    const to = from + stepMs * buckets;
    const b = bucketOf('received_at', from, stepMs);
    const rows = await this.#db
      .selectFrom('phishing_reports')
      .select((eb) => [
        b.as('b'),
        eb.fn.coalesce('verdict', sql<string>`'none'`).as('v'),
        eb.fn.countAll<number>().as('n'),
      ])
      .where('received_at', '>=', from)
      .where('received_at', '<', to)
      .groupBy([b, 'verdict'])
      .execute();
    const out: Buckets = new Map();
    for (const r of rows) {
      const series = out.get(r.v) ?? new Array<number>(buckets).fill(0);
      const i = Math.floor(Number(r.b));
      if (i >= 0 && i < buckets) series[i] = (series[i] ?? 0) + Number(r.n);
      out.set(r.v, series);
    }
    return out;
  }

  /** Campaigns whose first report falls in each bucket. */
  async campaignsOpened(from: number, stepMs: number, buckets: number): Promise<number[]> {
    const b = bucketOf('first_report_at', from, stepMs);
    const rows = await this.#db
      .selectFrom('phishing_campaigns')
      .select((eb) => [b.as('b'), eb.fn.countAll<number>().as('n')])
      .where('first_report_at', '>=', from)
      .where('first_report_at', '<', from + stepMs * buckets)
      .groupBy(b)
      .execute();
    const out = new Array<number>(buckets).fill(0);
    for (const r of rows) {
      const i = Math.floor(Number(r.b));
      if (i >= 0 && i < buckets) out[i] = (out[i] ?? 0) + Number(r.n);
    }
    return out;
  }
}

/**
 * The bucket number of a time column, integer division in both dialects. The numbers go in as
 * literals (integers of ours, never a caller's text): PostgreSQL matches a GROUP BY expression with
 * the selected one only when both are the same text, and two placeholders never are.
 */
function bucketOf(column: 'received_at' | 'first_report_at', from: number, stepMs: number) {
  return sql<number>`(${sql.ref(column)} - ${sql.lit(Math.trunc(from))}) / ${sql.lit(Math.trunc(stepMs))}`;
}

/** PostgreSQL's bigint columns come back as strings. */
function numbers<
  T extends {
    report_count: number;
    first_report_at: number;
    last_report_at: number;
    archer_content_id: number | null;
  },
>(r: T): T {
  return {
    ...r,
    report_count: Number(r.report_count),
    first_report_at: Number(r.first_report_at),
    last_report_at: Number(r.last_report_at),
    archer_content_id: r.archer_content_id === null ? null : Number(r.archer_content_id),
  };
}
