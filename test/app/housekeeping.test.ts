import assert from 'node:assert/strict';
import { test } from 'node:test';
import { housekeepingUnit } from '../../src/app/housekeeping.js';
import { createLogger } from '../../src/platform/log.js';
import { openTestDatabase } from '../helpers/databases.js';
import { LogCapture } from '../helpers/log-capture.js';
import { waitFor } from '../helpers/wait.js';

test('housekeeping prunes lease events older than the kept days and stops on abort', async () => {
  const t = await openTestDatabase('sqlite');
  try {
    const day = 86_400_000;
    const ev = (at: number) => ({
      name: 'n',
      owner: 'o',
      epoch: 1,
      event: 'acquired' as const,
      at,
      detail: null,
    });
    await t.store.db
      .insertInto('lease_events')
      .values([ev(Date.now() - 40 * day), ev(Date.now() - 31 * day), ev(Date.now() - day)])
      .execute();
    const unit = housekeepingUnit(t.store, { keepEventsDays: 30, everyMs: 60_000 });
    const controller = new AbortController();
    const lease = { name: unit.name, owner: 'o', epoch: 1, acquiredAt: 0, renewedAt: 0, expiresAt: 0 };
    const logger = createLogger({ level: 'info', destination: new LogCapture() });
    const running = unit.run({ signal: controller.signal, lease, logger });
    await waitFor(
      'old events pruned',
      async () => (await t.store.db.selectFrom('lease_events').select('id').execute()).length === 1,
    );
    controller.abort();
    await running;
    assert.equal(unit.name, 'housekeeping');
  } finally {
    await t.cleanup();
  }
});

test('housekeeping runs every purge it is given, and one that fails does not stop the others', async () => {
  const t = await openTestDatabase('sqlite');
  try {
    const ran: string[] = [];
    const unit = housekeepingUnit(t.store, {
      everyMs: 60_000,
      purges: [
        {
          name: 'broken',
          async run() {
            ran.push('broken');
            throw new Error('table is locked');
          },
        },
        {
          name: 'sessions',
          async run() {
            ran.push('sessions');
            return 3;
          },
        },
      ],
    });
    const controller = new AbortController();
    const lease = { name: unit.name, owner: 'o', epoch: 1, acquiredAt: 0, renewedAt: 0, expiresAt: 0 };
    const log = new LogCapture();
    const running = unit.run({
      signal: controller.signal,
      lease,
      logger: createLogger({ level: 'info', destination: log }),
    });
    await waitFor('both purges ran', async () => ran.length === 2);
    controller.abort();
    await running;
    assert.deepEqual(ran, ['broken', 'sessions']);
    const lines = log.records();
    assert.ok(
      lines.some((l) => l.what === 'broken' && l.level === 40),
      'the failure is logged as a warning',
    );
    assert.ok(lines.some((l) => l.what === 'sessions' && l.pruned === 3));
  } finally {
    await t.cleanup();
  }
});
