// Migration 0010 fills the console's columns, IOC rows and campaign verdicts from the analyses of a
// database that ran the migrations before it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FEATURE_MIGRATIONS, migrateStore } from '../../../src/app/migrations.js';
import { type MigrationSet, migrateToLatest } from '../../../src/platform/db/index.js';
import { phishingDb } from '../../../src/phishing/store/tables.js';
import { DIALECTS, openTestDatabase } from '../../helpers/databases.js';
import { analysisJson, HOSTILE_SUBJECT } from './records.js';

/** Every migration but 0010: the database as the release before it left it. */
const before: MigrationSet[] = FEATURE_MIGRATIONS.map((s) => ({
  owner: s.owner,
  migrations: (d) => {
    const m = { ...s.migrations(d) };
    delete m['0010_phishing_console'];
    return m;
  },
}));

for (const dialect of DIALECTS)
  describe(`migration 0010_phishing_console (${dialect})`, () => {
    test('backfills existing reports and campaigns in batches', async () => {
      const t = await openTestDatabase(dialect, { migrate: false });
      try {
        await migrateToLatest(t.store, before);
        const db = t.store.db;
        const n = 1203; // more than two batches
        const rows = Array.from({ length: n }, (_, i) => ({
          mailbox: 'phish@contoso.com',
          message_id: `m${i}`,
          received_at: 1000 + i,
          state: 'done',
          step: 'moved',
          attempts: 0,
          next_attempt_at: 0,
          campaign_key: i < 3 ? 'c-big' : `c${i}`,
          analysis:
            i === 5
              ? 'not json'
              : analysisJson({
                  subject: i === 0 ? HOSTILE_SUBJECT : `S${i}`,
                  level: i === 1 ? 'malicious' : 'suspicious',
                  messageId: `<o${i}@x>`,
                }),
          created_at: 0,
          updated_at: 0,
        }));
        for (let k = 0; k < n; k += 200)
          // biome-ignore lint/suspicious/noExplicitAny: the tables as they were before 0010
          await (db as any)
            .insertInto('phishing_reports')
            .values(rows.slice(k, k + 200))
            .execute();
        // biome-ignore lint/suspicious/noExplicitAny: as above
        await (db as any)
          .insertInto('phishing_campaigns')
          .values({
            key: 'c-big',
            report_count: 3,
            version: 3,
            applied_version: 3,
            first_report_at: 1000,
            last_report_at: 1002,
            updated_at: 0,
          })
          .execute();
        const applied = await migrateStore(t.store);
        assert.deepEqual(applied, ['0010_phishing_console']);
        const p = phishingDb(db);
        const all = await p
          .selectFrom('phishing_reports')
          .select(['id', 'subject', 'verdict', 'original_message_id'])
          .orderBy('id')
          .execute();
        assert.equal(all.filter((r) => r.subject !== null).length, n - 1, 'every analysis that reads');
        assert.equal(all[0]?.subject, HOSTILE_SUBJECT);
        assert.equal(all[1200]?.original_message_id, '<o1200@x>');
        const c = await p
          .selectFrom('phishing_campaigns')
          .select(['verdict', 'subject'])
          .where('key', '=', 'c-big')
          .executeTakeFirst();
        assert.deepEqual(c, { verdict: 'malicious', subject: HOSTILE_SUBJECT });
        const iocs = await p
          .selectFrom('phishing_report_iocs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst();
        assert.ok(Number(iocs?.n) >= 3 * (n - 1), 'URL, domain, sender address and domain per report');
      } finally {
        await t.cleanup();
      }
    });
  });
