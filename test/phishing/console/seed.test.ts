// The bench seeder fills a migrated database the pages can read: sizes add up, a few campaigns are
// large, and its sample values are found by the search.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedConsoleData } from '../../../bench/console-seed.js';
import { phishingDb } from '../../../src/phishing/store/tables.js';
import { DIALECTS, openTestDatabase } from '../../helpers/databases.js';
import { consoleOver, NOW, page, request } from './harness.js';

for (const dialect of DIALECTS)
  describe(`console bench seed (${dialect})`, () => {
    test('seeds campaigns and reports that the pages show and the search finds', async () => {
      const t = await openTestDatabase(dialect);
      try {
        const r = await seedConsoleData(t.store, { campaigns: 200, reports: 2000, now: NOW });
        const db = phishingDb(t.store.db);
        const counts = await db
          .selectFrom('phishing_campaigns')
          .select((eb) => [
            eb.fn.sum<number>('report_count').as('s'),
            eb.fn.max<number>('report_count').as('m'),
          ])
          .executeTakeFirst();
        assert.equal(Number(counts?.s), 2000);
        assert.ok(Number(counts?.m) > 50, 'a few big campaigns');
        const single = await db
          .selectFrom('phishing_campaigns')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('report_count', '=', 1)
          .executeTakeFirst();
        assert.ok(Number(single?.n) > 20, 'many singletons');
        const section = consoleOver(t.store);
        const q = await page(section, '/phishing').render(
          request({ query: { q: r.samples.url.replace('http', 'hxxp').replace(/\./g, '[.]') } }),
        );
        const found = q.blocks.find((b) => b.id === 'phishing-search-results');
        assert.ok(found && found.kind === 'table' && found.rows.length > 0);
        // A report inserted after the seed gets a fresh id on PostgreSQL too.
        await db
          .insertInto('phishing_reports')
          .values({
            mailbox: 'x',
            message_id: 'after-seed',
            received_at: 0,
            state: 'done',
            step: 'moved',
            attempts: 0,
            next_attempt_at: 0,
            created_at: 0,
            updated_at: 0,
          } as never)
          .execute();
      } finally {
        await t.cleanup();
      }
    });
  });
