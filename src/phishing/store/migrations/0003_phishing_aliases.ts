// Ways a report can find its campaign: the original's Message-ID, or its sender domain, subject and
// URL set. Each alias points at one campaign; its insert is what decides, when two workers see the
// first two reports of a campaign at once, which campaign both join.
import type { Kysely, Migration } from 'kysely';

export const phishingAliases = (): Migration => ({ up, down });

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('phishing_campaign_aliases')
    .addColumn('alias', 'text', (c) => c.primaryKey())
    .addColumn('campaign_key', 'text', (c) => c.notNull())
    // A fingerprint alias groups only reports within the campaign window of its last sighting.
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('phishing_campaign_aliases').execute();
}
