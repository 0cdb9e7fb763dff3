// Writes what the console reads of a report's analysis (ioc-index.ts) into its row and the IOC table,
// and its campaign's verdict and subject; called in the transaction that stores the analysis, so a
// page never shows a report whose columns disagree with its analysis.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { type ReportIndex, reportIndexOf, worse } from './ioc-index.js';
import type { PhishingTables, VerdictLevel } from './tables.js';

type Db = Kysely<Database & PhishingTables>;

/** Rows per insert: three parameters each, well inside both dialects' limits. */
const IOC_BATCH = 500;

/** Writes the report's columns and IOC rows from its analysis; the index, or undefined for one that is not JSON. */
export async function indexReport(
  db: Db,
  reportId: number,
  analysis: string,
): Promise<ReportIndex | undefined> {
  const ix = reportIndexOf(analysis);
  if (!ix) return undefined;
  const { iocs, ...columns } = ix;
  await db.updateTable('phishing_reports').set(columns).where('id', '=', reportId).execute();
  await db.deleteFrom('phishing_report_iocs').where('report_id', '=', reportId).execute();
  for (let i = 0; i < iocs.length; i += IOC_BATCH)
    await db
      .insertInto('phishing_report_iocs')
      .values(
        iocs.slice(i, i + IOC_BATCH).map((x) => ({ report_id: reportId, kind: x.kind, value: x.value })),
      )
      .execute();
  return ix;
}

/**
 * A report joined the campaign: the campaign's verdict becomes the worse of the two, and it keeps its
 * first subject. Run after the campaign's upsert in the same transaction, whose row lock makes two
 * joins of one campaign take turns on PostgreSQL.
 */
export async function joinedCampaign(db: Db, key: string, ix: ReportIndex | undefined): Promise<void> {
  if (!ix) return;
  const c = await db
    .selectFrom('phishing_campaigns')
    .select(['verdict', 'subject'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!c) return;
  const verdict = worse(c.verdict, ix.verdict);
  if (verdict === c.verdict && c.subject !== null) return;
  await db
    .updateTable('phishing_campaigns')
    .set({ verdict, subject: c.subject ?? ix.subject })
    .where('key', '=', key)
    .execute();
}

/** The campaign's verdict from all its reports again: a re-analysis can lower it too. */
export async function recomputeCampaignVerdict(db: Db, key: string): Promise<void> {
  const rows = await db
    .selectFrom('phishing_reports')
    .select('verdict')
    .distinct()
    .where('campaign_key', '=', key)
    .execute();
  const verdict = rows.reduce<VerdictLevel | null>((w, r) => worse(w, r.verdict), null);
  await db.updateTable('phishing_campaigns').set({ verdict }).where('key', '=', key).execute();
}
