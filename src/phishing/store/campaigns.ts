// Campaigns in the database: a report joins its campaign once (in one transaction with the report's
// row), the campaign's Archer record is created at most once, and every change since Archer last saw
// the record is a version Archer has not been given yet.
//
// The create protocol, with a crash possible between any two steps:
//   1. beginCreate(key)          create_started_at is set before Archer is called;
//   2. Archer creates the record, its key in a field of the record;
//   3. recordCreated(key, id).
// After a crash between 1 and 3, `needsLookup` says the record may exist: the caller searches Archer
// by the key and records what it finds, and creates only when nothing is there.
//
// Only one worker writes a campaign's record at a time (claimCase/releaseCase): reports of one
// campaign may come through several mailboxes, owned by several instances.
import type { Kysely, Selectable } from 'kysely';
import { type Database, type Dialect, dialectOf, statementStamp } from '../../platform/db/index.js';
import { indexReport, joinedCampaign, recomputeCampaignVerdict } from './report-index.js';
import { type PhishingCampaignsTable, type PhishingDb, phishingDb } from './tables.js';

export type CampaignRow = Selectable<PhishingCampaignsTable>;

export class CampaignStore {
  readonly #db: PhishingDb;
  /** Read from the store's own instance: the view with the phishing tables is a new one. */
  readonly #dialect: Dialect | undefined;
  readonly #now: () => number;

  constructor(db: Kysely<Database>, now: () => number = Date.now) {
    this.#db = phishingDb(db);
    this.#dialect = dialectOf(db);
    this.#now = now;
  }

  /** For the dashboard. */
  async count(): Promise<number> {
    const r = await this.#db
      .selectFrom('phishing_campaigns')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async get(key: string): Promise<CampaignRow | undefined> {
    return this.#db.selectFrom('phishing_campaigns').selectAll().where('key', '=', key).executeTakeFirst();
  }

  /**
   * Puts a report into a campaign: the campaign is created or its version and count grow, and the
   * report row gets the key (and its analysis, when given), in one transaction. A report already in a
   * campaign changes nothing, so a retried step does not count a reporter twice.
   *
   * The analysis goes in with the key because another instance writing the campaign's record reads
   * the version first and then every report with the key: a report with the key but not yet its
   * analysis would be left out of a write that is then taken to cover its version, and lost from the
   * record.
   */
  async join(
    key: string,
    reportId: number,
    reportedAt: number,
    because: string | null = null,
    analysis?: string,
  ): Promise<CampaignRow> {
    return this.#db.transaction().execute(async (tx) => {
      const marked = await tx
        .updateTable('phishing_reports')
        .set({
          campaign_key: key,
          campaign_join: because,
          ...(analysis === undefined ? {} : { analysis }),
          updated_at: this.#now(),
        })
        .where('id', '=', reportId)
        .where('campaign_key', 'is', null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) > 0) {
        await tx
          .insertInto('phishing_campaigns')
          .values({
            key,
            archer_content_id: null,
            create_started_at: null,
            report_count: 1,
            version: 1,
            applied_version: 0,
            first_report_at: reportedAt,
            last_report_at: reportedAt,
            updated_at: this.#now(),
          })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet((eb) => ({
              report_count: eb('phishing_campaigns.report_count', '+', 1),
              version: eb('phishing_campaigns.version', '+', 1),
              last_report_at: reportedAt,
              updated_at: this.#now(),
            })),
          )
          .execute();
        // The console's columns and IOC rows with the analysis, and the campaign's verdict with its count.
        const ix = analysis === undefined ? undefined : await indexReport(tx, reportId, analysis);
        await joinedCampaign(tx, key, ix);
      }
      return tx.selectFrom('phishing_campaigns').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
    });
  }

  /**
   * A report already in the campaign was analysed again (an operator's re-analyse): its new analysis
   * is stored and the campaign's version grows, so the Archer record is rewritten with it (updated, not
   * created again), in one transaction for the reason join gives. Its count stays. False when the
   * report is no longer pending or not in this campaign (nothing changed).
   */
  async reanalysed(key: string, reportId: number, analysis: string): Promise<boolean> {
    return this.#db.transaction().execute(async (tx) => {
      const marked = await tx
        .updateTable('phishing_reports')
        .set({ analysis, updated_at: this.#now() })
        .where('id', '=', reportId)
        .where('campaign_key', '=', key)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) return false;
      await tx
        .updateTable('phishing_campaigns')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: this.#now() }))
        .where('key', '=', key)
        .execute();
      await indexReport(tx, reportId, analysis);
      await recomputeCampaignVerdict(tx, key);
      return true;
    });
  }

  /** Step 1 of the create protocol; returns the row as it is now. */
  async beginCreate(key: string): Promise<CampaignRow> {
    await this.#db
      .updateTable('phishing_campaigns')
      .set({ create_started_at: this.#now(), updated_at: this.#now() })
      .where('key', '=', key)
      .where('create_started_at', 'is', null)
      .execute();
    return this.#row(key);
  }

  /** Step 3, or the result of a lookup after a crash. An id once recorded is never replaced. */
  async recordCreated(key: string, contentId: number): Promise<CampaignRow> {
    await this.#db
      .updateTable('phishing_campaigns')
      .set({ archer_content_id: contentId, updated_at: this.#now() })
      .where('key', '=', key)
      .where('archer_content_id', 'is', null)
      .execute();
    return this.#row(key);
  }

  async #row(key: string): Promise<CampaignRow> {
    return this.#db
      .selectFrom('phishing_campaigns')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
  }

  /**
   * Claims the right to write the campaign's Archer record until `ttlMs` from now; false while another
   * owner holds an unexpired claim. The owner is the report mailbox, which one instance works at a
   * time, so a restarted worker gets its own claim back at once.
   */
  async claimCase(key: string, owner: string, ttlMs: number): Promise<boolean> {
    // Expiry by the database's clock on PostgreSQL: an instance whose clock runs behind must not see
    // another's live claim as expired.
    const t = statementStamp(this.#dialect, this.#now);
    const r = await this.#db
      .updateTable('phishing_campaigns')
      .set({ case_owner: owner, case_claimed_until: t.plus(ttlMs) })
      .where('key', '=', key)
      .where((eb) =>
        eb.or([
          eb('case_owner', 'is', null),
          eb('case_owner', '=', owner),
          eb('case_claimed_until', '<=', t.now),
        ]),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async releaseCase(key: string, owner: string): Promise<void> {
    await this.#db
      .updateTable('phishing_campaigns')
      .set({ case_owner: null, case_claimed_until: null })
      .where('key', '=', key)
      .where('case_owner', '=', owner)
      .execute();
  }

  /**
   * Archer no longer has the campaign's record (deleted there, or a database restored against another
   * Archer): the campaign goes back to "may exist, look it up by key", with nothing applied, so the
   * next write finds it again or creates it with every report.
   */
  async recordGone(key: string, contentId: number): Promise<CampaignRow> {
    const now = this.#now();
    await this.#db
      .updateTable('phishing_campaigns')
      .set({ archer_content_id: null, create_started_at: now, applied_version: 0, updated_at: now })
      .where('key', '=', key)
      .where('archer_content_id', '=', contentId)
      .execute();
    return this.#row(key);
  }

  /** Archer has the record as of `version`; an older acknowledgement never lowers it. */
  async applied(key: string, version: number): Promise<void> {
    await this.#db
      .updateTable('phishing_campaigns')
      .set({ applied_version: version, updated_at: this.#now() })
      .where('key', '=', key)
      .where('applied_version', '<', version)
      .execute();
  }
}

/** After a crash between beginCreate and recordCreated the record may exist in Archer. */
export function needsLookup(c: CampaignRow): boolean {
  return c.archer_content_id === null && c.create_started_at !== null;
}

/** Archer has not seen the latest reports of the campaign yet. */
export function isBehind(c: CampaignRow): boolean {
  return c.applied_version < c.version;
}
