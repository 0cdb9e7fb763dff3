// Puts a report into its campaign, in one transaction:
//   1. the campaign its Message-ID alias names (whenever it was seen), else the campaign its
//      fingerprint alias names if that was seen within the window, else a new campaign
//      `c<reportId>-<random>` (report ids repeat across databases and after a restore, and the key is
//      how a campaign's Archer record is found: it must name one campaign in every Archer it reaches);
//   2. its aliases are inserted if absent and read back: when two workers see the first reports of one
//      campaign at once, the alias row decides which campaign both join (a Message-ID always wins over a
//      fingerprint; a stale fingerprint is pointed at the new campaign).
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import type { CampaignAliases } from '../campaigns/aliases.js';
import { type CampaignRow, CampaignStore } from './campaigns.js';
import { type PhishingTables, phishingDb } from './tables.js';

export interface AssignOptions {
  windowMs: number;
  now?: () => number;
}

type Tx = Transaction<Database & PhishingTables>;

export async function assignCampaign(
  db: Kysely<Database>,
  reportId: number,
  aliases: CampaignAliases,
  reportedAt: number,
  o: AssignOptions,
): Promise<CampaignRow> {
  const now = o.now ?? Date.now;
  const key = await phishingDb(db)
    .transaction()
    .execute(async (tx) => {
      const already = await tx
        .selectFrom('phishing_reports')
        .select('campaign_key')
        .where('id', '=', reportId)
        .executeTakeFirst();
      if (already?.campaign_key) return already.campaign_key;
      const since = now() - o.windowMs;
      const { messageId: mid, fingerprint: fp } = aliases;
      let key = (await target(tx, mid)) ?? (await freshTarget(tx, fp, since)) ?? newKey(reportId);
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
      return key;
    });
  return new CampaignStore(db, now).join(key, reportId, reportedAt);
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
