// Finds a report mail by its Internet Message-ID within its mailbox: a copy of a report already
// recorded (an analyst copying it back into the inbox, a restored folder) has a new Graph id but is
// the same report, and must not be counted in its campaign twice.
import type { Kysely, Migration } from 'kysely';

export const phishingReportCopies = (): Migration => ({ up, down });

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('phishing_reports_internet_message')
    .on('phishing_reports')
    .columns(['mailbox', 'internet_message_id'])
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('phishing_reports_internet_message').execute();
}
