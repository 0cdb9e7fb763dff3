// When a report's current run of outage failures (network, 429, 5xx) began. Such failures do not use
// up the report's attempts; a report that has failed only that way for longer than
// phishing.maxOutageHours is quarantined, so no report waits unseen forever.
import type { Kysely, Migration } from 'kysely';

export const phishingFailingSince = (): Migration => ({ up, down });

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('phishing_reports').addColumn('failing_since', 'bigint').execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('phishing_reports').dropColumn('failing_since').execute();
}
