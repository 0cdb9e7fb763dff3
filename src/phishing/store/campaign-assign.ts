// Puts a report into its campaign, in one transaction:
//   1. the campaign its Message-ID alias names (whenever it was seen), else the campaign its
//      fingerprint alias names if that was seen within the window, else the closest campaign of the
//      window whose template it shares (similarity.ts decides, from the signatures of that campaign's
//      latest reports), else a new campaign `c<reportId>-<random>` (report ids repeat across databases
//      and after a restore, and the key is how a campaign's Archer record is found: it must name one
//      campaign in every Archer it reaches);
//   2. its aliases are inserted if absent and read back: when two workers see the first reports of one
//      campaign at once, the alias row decides which campaign both join (a Message-ID always wins over a
//      fingerprint; a stale fingerprint is pointed at the new campaign). Grouping by similarity cannot
//      settle a race by one row, so on PostgreSQL assignments take turns (a transaction lock).
//   3. its template signature is kept for the reports after it, and why it joined goes with the report.
import { randomBytes } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type Database, dialectOf } from '../../platform/db/index.js';
import { type TemplateSignature, templateSignatureSchema } from '../analyze/template/index.js';
import { type CampaignAliases, similarityKeys } from '../campaigns/aliases.js';
import { closeness, decide, type SimilarityPolicy, similarityPolicySchema } from '../campaigns/similarity.js';
import { type CampaignRow, CampaignStore } from './campaigns.js';
import { type PhishingTables, phishingDb } from './tables.js';

export interface AssignOptions {
  windowMs: number;
  now?: () => number;
  /** phishing.campaignSimilarity; the defaults when absent. */
  similarity?: SimilarityPolicy;
}

/** A campaign's latest reports this many are compared with: a template drifts little within a window. */
const COMPARED_PER_CAMPAIGN = 20;
/** An arbitrary constant naming the assignment lock among PostgreSQL's advisory locks. */
const ASSIGN_LOCK = 0x6a50c1;

type Tx = Transaction<Database & PhishingTables>;

export async function assignCampaign(
  db: Kysely<Database>,
  reportId: number,
  aliases: CampaignAliases,
  reportedAt: number,
  o: AssignOptions,
  template: TemplateSignature | null = null,
  /** The report's analysis as stored, written with the campaign key (CampaignStore.join says why). */
  analysis?: string,
): Promise<CampaignRow> {
  const now = o.now ?? Date.now;
  const policy = o.similarity ?? similarityPolicySchema.parse(undefined);
  const postgres = dialectOf(db) === 'postgres';
  const { key, join } = await phishingDb(db)
    .transaction()
    .execute(async (tx) => {
      const already = await tx
        .selectFrom('phishing_reports')
        .select('campaign_key')
        .where('id', '=', reportId)
        .executeTakeFirst();
      if (already?.campaign_key) return { key: already.campaign_key, join: null };
      if (postgres) await sql`select pg_advisory_xact_lock(${ASSIGN_LOCK})`.execute(tx);
      const since = now() - o.windowMs;
      const { messageId: mid, fingerprint: fp } = aliases;
      let join = 'first report of the campaign';
      let key = await target(tx, mid);
      if (key) join = 'joined: same original message (Message-ID)';
      else {
        key = await freshTarget(tx, fp, since);
        if (key) join = 'joined: same sender domain, subject and links';
      }
      if (!key && template) {
        const similar = await closestCampaign(tx, template, since, policy);
        if (similar) {
          key = similar.key;
          join = similar.because;
        }
      }
      key ??= newKey(reportId);
      if (mid) {
        await insertAlias(tx, mid, key, now());
        key = (await target(tx, mid)) ?? key;
      }
      if (fp) {
        await insertAlias(tx, fp, key, now());
        const row = await aliasRow(tx, fp);
        if (row && row.campaign_key !== key && row.last_seen_at >= since && !mid) key = row.campaign_key;
        await tx
          .updateTable('phishing_campaign_aliases')
          .set({ campaign_key: key, last_seen_at: now() })
          .where('alias', '=', fp)
          .execute();
      }
      if (template) await keepTemplate(tx, reportId, key, template, policy, now());
      return { key, join };
    });
  return new CampaignStore(db, now).join(key, reportId, reportedAt, join, analysis);
}

/**
 * The campaign of the window closest to `t` that `t` may join, found through its similarity keys and
 * decided on the signatures of each candidate's latest reports; undefined when none is close enough.
 */
async function closestCampaign(
  tx: Tx,
  t: TemplateSignature,
  since: number,
  policy: SimilarityPolicy,
): Promise<{ key: string; because: string } | undefined> {
  const keys = similarityKeys(t, policy.minWords);
  if (keys.length === 0) return undefined;
  // One statement for every candidate: the campaigns its keys name within the window, each with its
  // latest reports' signatures (a window function ranks them per campaign).
  const candidates = tx
    .selectFrom('phishing_campaign_aliases')
    .select('campaign_key')
    .where('alias', 'in', keys)
    .where('last_seen_at', '>=', since);
  const ranked = tx
    .selectFrom('phishing_report_templates')
    .select((eb) => [
      'campaign_key',
      'template',
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('campaign_key').orderBy('seen_at', 'desc'))
        .as('rank'),
    ])
    .where('seen_at', '>=', since)
    .where('campaign_key', 'in', candidates);
  const members = await tx
    .selectFrom(ranked.as('m'))
    .select(['m.campaign_key', 'm.template'])
    .where('m.rank', '<=', COMPARED_PER_CAMPAIGN)
    .execute();
  let best: { key: string; because: string; score: number } | undefined;
  for (const m of members) {
    const other = parseTemplate(m.template);
    if (!other) continue;
    const d = decide(closeness(t, other, policy), policy);
    if (d.join && (!best || d.score > best.score))
      best = { key: m.campaign_key, because: `joined: ${d.because}`, score: d.score };
  }
  return best && { key: best.key, because: best.because };
}

/** Keeps the signature with its campaign and points its similarity keys at that campaign. */
async function keepTemplate(
  tx: Tx,
  reportId: number,
  key: string,
  t: TemplateSignature,
  policy: SimilarityPolicy,
  at: number,
): Promise<void> {
  await tx
    .insertInto('phishing_report_templates')
    .values({ report_id: reportId, campaign_key: key, seen_at: at, template: JSON.stringify(t) })
    .onConflict((oc) => oc.column('report_id').doNothing())
    .execute();
  const keys = [...new Set(similarityKeys(t, policy.minWords))];
  if (keys.length === 0) return;
  // The newest campaign that has a key is the one found by it: a key is only a way to candidates.
  // One statement for all of them: a report has some twenty keys.
  await tx
    .insertInto('phishing_campaign_aliases')
    .values(keys.map((alias) => ({ alias, campaign_key: key, last_seen_at: at })))
    .onConflict((oc) => oc.column('alias').doUpdateSet({ campaign_key: key, last_seen_at: at }))
    .execute();
}

/** A stored signature; undefined for one this release cannot read. */
function parseTemplate(text: string): TemplateSignature | undefined {
  try {
    const t = templateSignatureSchema.safeParse(JSON.parse(text));
    return t.success ? t.data : undefined;
  } catch {
    return undefined;
  }
}
async function insertAlias(tx: Tx, alias: string, key: string, at: number): Promise<void> {
  await tx
    .insertInto('phishing_campaign_aliases')
    .values({ alias, campaign_key: key, last_seen_at: at })
    .onConflict((oc) => oc.column('alias').doNothing())
    .execute();
}

async function aliasRow(tx: Tx, alias: string) {
  return tx
    .selectFrom('phishing_campaign_aliases')
    .select(['campaign_key', 'last_seen_at'])
    .where('alias', '=', alias)
    .executeTakeFirst();
}

async function target(tx: Tx, alias: string | undefined): Promise<string | undefined> {
  return alias ? (await aliasRow(tx, alias))?.campaign_key : undefined;
}

async function freshTarget(tx: Tx, alias: string | undefined, since: number): Promise<string | undefined> {
  if (!alias) return undefined;
  const row = await aliasRow(tx, alias);
  return row && row.last_seen_at >= since ? row.campaign_key : undefined;
}

/** Keys made before this scheme are `c<reportId>`; they stay as they are. */
function newKey(reportId: number): string {
  return `c${reportId}-${randomBytes(6).toString('hex')}`;
}
