// What the operator console lists and searches (issue 14), out of the analysis JSON into columns and
// an IOC table with indexes: a page of campaigns, a campaign's reports and a search must each take a
// few milliseconds with 10,000 campaigns and 100,000 reports, and the JSON can be neither indexed nor
// read for every row. Existing rows are filled from their stored analysis, a batch at a time.
import { type Kysely, type Migration, sql } from 'kysely';
import type { Database, Dialect } from '../../../platform/db/index.js';
import { indexReport, recomputeCampaignVerdict } from '../report-index.js';
import type { PhishingTables } from '../tables.js';

export const phishingConsole = (dialect: Dialect): Migration => ({ up: (db) => up(db, dialect), down });

const REPORT_COLUMNS = [
  'verdict',
  'subject',
  'subject_key',
  'sender',
  'sender_key',
  'reporter',
  'report_kind',
  'original_message_id',
] as const;
/** Compared by prefix: byte order ("C") on PostgreSQL, as SQLite's default, so a range scan is a prefix match. */
const KEYED = new Set(['subject_key', 'sender_key']);
const BACKFILL_BATCH = 500;

async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  for (const col of REPORT_COLUMNS)
    await db.schema
      .alterTable('phishing_reports')
      .addColumn(col, 'text', (c) =>
        KEYED.has(col) && dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c,
      )
      .execute();
  await db.schema.alterTable('phishing_campaigns').addColumn('verdict', 'text').execute();
  await db.schema.alterTable('phishing_campaigns').addColumn('subject', 'text').execute();
  await db.schema
    .createTable('phishing_report_iocs')
    .addColumn('report_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('phishing_report_iocs_pk', ['report_id', 'kind', 'value'])
    .execute();
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();
  // IOC exact search (any kind: a pasted value is tried as each kind it can be), newest reports first.
  await index('phishing_report_iocs_value', 'phishing_report_iocs', ['value', 'report_id']);
  // The campaign list, newest first by last report, paged by (last_report_at, key).
  await index('phishing_campaigns_recent', 'phishing_campaigns', ['last_report_at', 'key']);
  // Campaigns opened per day.
  await index('phishing_campaigns_opened', 'phishing_campaigns', ['first_report_at']);
  // A campaign's reports in the order they came.
  await index('phishing_reports_campaign_time', 'phishing_reports', ['campaign_key', 'received_at', 'id']);
  // With the id, a prefix search reads its matches from the index alone (see ConsoleQueries.search).
  await index('phishing_reports_subject', 'phishing_reports', ['subject_key', 'id']);
  await index('phishing_reports_sender', 'phishing_reports', ['sender_key', 'id']);
  await index('phishing_reports_original_message', 'phishing_reports', ['original_message_id']);
  // Reports per hour and day by verdict: read from the index alone.
  await index('phishing_reports_received_verdict', 'phishing_reports', ['received_at', 'verdict']);
  // The dashboard's counts by state and of reports not filed (done without a campaign), from the index alone.
  await index('phishing_reports_state_campaign', 'phishing_reports', ['state', 'campaign_key']);
  await backfill(db as unknown as Kysely<Database & PhishingTables>);
}

async function backfill(db: Kysely<Database & PhishingTables>): Promise<void> {
  // In a transaction per batch where the migration is not in one already (SQLite): one commit per
  // batch, not per statement.
  const inBatch = <T>(fn: (d: Kysely<Database & PhishingTables>) => Promise<T>) =>
    db.isTransaction ? fn(db) : db.transaction().execute(fn);
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('phishing_reports')
      .select(['id', 'analysis'])
      .where('id', '>', after)
      .where('analysis', 'is not', null)
      .orderBy('id')
      .limit(BACKFILL_BATCH)
      .execute();
    if (rows.length === 0) break;
    await inBatch(async (d) => {
      for (const r of rows) if (r.analysis) await indexReport(d, Number(r.id), r.analysis);
    });
    after = Number(rows[rows.length - 1]?.id);
  }
  let key = '';
  for (;;) {
    const campaigns = await db
      .selectFrom('phishing_campaigns')
      .select('key')
      .where('key', '>', key)
      .orderBy('key')
      .limit(BACKFILL_BATCH)
      .execute();
    if (campaigns.length === 0) break;
    await inBatch(async (d) => {
      for (const c of campaigns) {
        await recomputeCampaignVerdict(d, c.key);
        const first = await d
          .selectFrom('phishing_reports')
          .select('subject')
          .where('campaign_key', '=', c.key)
          .orderBy('received_at')
          .orderBy('id')
          .executeTakeFirst();
        if (first?.subject != null)
          await d
            .updateTable('phishing_campaigns')
            .set({ subject: first.subject })
            .where('key', '=', c.key)
            .execute();
      }
    });
    key = campaigns[campaigns.length - 1]?.key ?? key;
  }
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('phishing_report_iocs').execute();
  for (const name of [
    'phishing_campaigns_recent',
    'phishing_campaigns_opened',
    'phishing_reports_campaign_time',
    'phishing_reports_subject',
    'phishing_reports_sender',
    'phishing_reports_original_message',
    'phishing_reports_received_verdict',
  ])
    await db.schema.dropIndex(name).execute();
  await db.schema.alterTable('phishing_campaigns').dropColumn('subject').execute();
  await db.schema.alterTable('phishing_campaigns').dropColumn('verdict').execute();
  for (const col of REPORT_COLUMNS) await db.schema.alterTable('phishing_reports').dropColumn(col).execute();
}
