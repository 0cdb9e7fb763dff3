// The retention unit and its key: it prunes under its lease pass after pass, logs what it removed and
// stops on abort; keepDays 0 brings no unit; a retention shorter than the campaign window is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { phishingSchema } from '../../../src/phishing/config.js';
import { retentionUnits } from '../../../src/phishing/run/retention.js';
import { assignCampaign, phishingDb, ReportStore } from '../../../src/phishing/store/index.js';
import { createLogger } from '../../../src/platform/log.js';
import { openTestDatabase } from '../../helpers/databases.js';
import { LogCapture } from '../../helpers/log-capture.js';
import { waitFor } from '../../helpers/wait.js';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;

test('the retention unit deletes an old campaign over two passes, logs it and stops on abort', async () => {
  const t = await openTestDatabase('sqlite');
  try {
    let clock = NOW - 200 * DAY;
    const reports = new ReportStore(t.store.db, () => clock);
    const seen = async (n: number) =>
      (await reports.seen({ mailbox: 'phish@contoso.com', messageId: `m${n}`, receivedAt: clock })).report.id;
    const filed = await seen(1);
    const c = await assignCampaign(t.store.db, filed, { messageId: 'mid:x' }, clock, {
      windowMs: DAY,
      now: () => clock,
    });
    await reports.finish(filed);
    await reports.finish(await seen(2));
    clock = NOW;
    await seen(3);

    const [unit, ...more] = retentionUnits(t.store.db, { keepDays: 180, everyMs: 20, now: () => NOW });
    assert.ok(unit);
    assert.equal(more.length, 0);
    assert.equal(unit.name, 'phishing-retention');
    const log = new LogCapture();
    const controller = new AbortController();
    const lease = { name: unit.name, owner: 'o', epoch: 1, acquiredAt: 0, renewedAt: 0, expiresAt: 0 };
    const running = unit.run({
      signal: controller.signal,
      lease,
      logger: createLogger({ level: 'info', destination: log }),
    });
    const count = async (table: 'phishing_reports' | 'phishing_campaigns') =>
      Number(
        (
          await phishingDb(t.store.db)
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await waitFor('the old campaign deleted', async () => (await count('phishing_campaigns')) === 0);
    controller.abort();
    await running;
    assert.equal(await count('phishing_reports'), 1, 'the report of today stays');

    const records = log.records();
    const summaries = records.filter(
      (r) => r.msg === 'deleted stored phishing reports past phishing.retention.keepDays',
    );
    assert.deepEqual(
      summaries.map(({ campaigns, campaignReports, retired, unfiled, quarantined, keepDays }) => ({
        campaigns,
        campaignReports,
        retired,
        unfiled,
        quarantined,
        keepDays,
      })),
      [
        { campaigns: 0, campaignReports: 0, retired: 1, unfiled: 1, quarantined: 0, keepDays: 180 },
        { campaigns: 1, campaignReports: 1, retired: 0, unfiled: 0, quarantined: 0, keepDays: 180 },
      ],
      'one line per pass that removed something, none for the passes after',
    );
    const named = records.find(
      (r) => r.msg === 'deleted campaigns; graphsoc no longer updates their Archer records',
    );
    assert.deepEqual(named?.deleted, [{ key: c.key, archerContentId: null }]);
  } finally {
    await t.cleanup();
  }
});

test('phishing.retention.keepDays = 0 keeps every report: no unit runs', async () => {
  const t = await openTestDatabase('sqlite');
  try {
    assert.deepEqual(retentionUnits(t.store.db, { keepDays: 0 }), []);
  } finally {
    await t.cleanup();
  }
});

test('phishing.retention.keepDays defaults to 180 and is refused below the campaign window', () => {
  assert.equal(phishingSchema.parse({}).retention.keepDays, 180);
  assert.equal(phishingSchema.parse({ retention: { keepDays: 0 } }).retention.keepDays, 0);
  assert.equal(phishingSchema.parse({ retention: { keepDays: 3 } }).retention.keepDays, 3);
  const short = phishingSchema.safeParse({ retention: { keepDays: 2 } });
  assert.equal(short.success, false);
  assert.deepEqual(short.error?.issues[0]?.path, ['retention', 'keepDays']);
  assert.match(short.error?.issues[0]?.message ?? '', /campaignWindowHours \(72 hours\)/);
  const wider = phishingSchema.safeParse({ campaignWindowHours: 24 * 10, retention: { keepDays: 7 } });
  assert.equal(wider.success, false);
  assert.equal(phishingSchema.safeParse({ retention: { keepDays: -1 } }).success, false);
  assert.equal(phishingSchema.safeParse({ retention: { keepDays: 1.5 } }).success, false);
  assert.equal(phishingSchema.safeParse({ retention: { keepForever: true } }).success, false);
});
