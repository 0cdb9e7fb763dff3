// Who is writing a campaign's Archer record right now. Reports of one campaign can arrive in two
// report mailboxes owned by two instances; without a claim both could create the record (doubled) or
// the slower could overwrite the newer content (a report lost from the record).
import type { Kysely, Migration } from 'kysely';

export const phishingCaseClaims = (): Migration => ({ up, down });

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('phishing_campaigns').addColumn('case_owner', 'text').execute();
  await db.schema.alterTable('phishing_campaigns').addColumn('case_claimed_until', 'bigint').execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('phishing_campaigns').dropColumn('case_claimed_until').execute();
  await db.schema.alterTable('phishing_campaigns').dropColumn('case_owner').execute();
}
