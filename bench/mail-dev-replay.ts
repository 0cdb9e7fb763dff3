// The product's campaigns for the mail-dev bench, formed by the product itself: each side's records
// go, in corpus order, through the pipeline's own campaign assignment (assignCampaign on a fresh
// in-memory SQLite database with every migration), with the Message-ID and fingerprint aliases and the
// template signature `phishing analyze --json` printed. The window has no end (the corpus has no
// arrival times), which groups at least as much as any real window would.
import { migrateStore } from '../src/app/migrations.js';
import type { AnalyzeRecord } from '../src/phishing/analyze-files/record.js';
import { type SimilarityPolicy, similarityPolicySchema } from '../src/phishing/campaigns/index.js';
import { assignCampaign, phishingDb, ReportStore } from '../src/phishing/store/index.js';
import { openDatabase } from '../src/platform/db/index.js';

const NO_END = Number.MAX_SAFE_INTEGER / 4;

export interface Replayed {
  key: string;
  /** Why the mail joined its campaign, as the incident says it. */
  join: string | null;
}

/** Each record's campaign; a mail without a record (unreadable) gets a campaign of its own. */
export async function replayCampaigns(
  records: ReadonlyArray<AnalyzeRecord | undefined>,
  similarity: SimilarityPolicy = similarityPolicySchema.parse(undefined),
): Promise<Replayed[]> {
  const store = await openDatabase('sqlite::memory:');
  try {
    await migrateStore(store);
    const reports = new ReportStore(store.db, () => 0);
    const out: Replayed[] = [];
    for (const [i, r] of records.entries()) {
      const { report } = await reports.seen({ mailbox: 'bench@replay', messageId: `m${i}`, receivedAt: i });
      if (!r || 'error' in r) {
        out.push({ key: `unread-${i}`, join: null });
        continue;
      }
      const aliases = {
        ...(r.campaignAliases.messageId ? { messageId: r.campaignAliases.messageId } : {}),
        ...(r.campaignAliases.fingerprint ? { fingerprint: r.campaignAliases.fingerprint } : {}),
      };
      const c = await assignCampaign(
        store.db,
        report.id,
        aliases,
        i,
        { windowMs: NO_END, now: () => i, similarity },
        r.campaignTemplate,
      );
      const row = await phishingDb(store.db)
        .selectFrom('phishing_reports')
        .select('campaign_join')
        .where('id', '=', report.id)
        .executeTakeFirstOrThrow();
      out.push({ key: c.key, join: row.campaign_join });
    }
    return out;
  } finally {
    await store.close();
  }
}
