// Grouping by template: each report's template signature, kept with the campaign it joined so later
// reports can be compared with it, and why each report joined its campaign, for the incident.
import type { Kysely, Migration } from 'kysely';

export const phishingTemplates = (): Migration => ({ up, down });

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('phishing_report_templates')
    .addColumn('report_id', 'bigint', (c) => c.primaryKey())
    .addColumn('campaign_key', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    // TemplateSignature as JSON: MinHash (base64), link skeletons, masked subject and display name.
    .addColumn('template', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('phishing_report_templates_campaign')
    .on('phishing_report_templates')
    .columns(['campaign_key', 'seen_at'])
    .execute();
  await db.schema.alterTable('phishing_reports').addColumn('campaign_join', 'text').execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('phishing_reports').dropColumn('campaign_join').execute();
  await db.schema.dropTable('phishing_report_templates').execute();
}
