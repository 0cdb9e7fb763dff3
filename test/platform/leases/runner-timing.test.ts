// The lease runner's timing on mock timers over SQLite, whose lease clock follows the mocked Date:
// renewal, self-fencing when the database is unreachable, lost leases, restart backoff.
import assert from 'node:assert/strict';
import { after, before, describe, type TestContext, test } from 'node:test';
import {
  type Lease,
  LeaseRunner,
  type LeaseRunnerOptions,
  LeaseStore,
  selfFenceAfterMs,
  type WorkUnit,
} from '../../../src/platform/leases/index.js';
import { createLogger } from '../../../src/platform/log.js';
import { openTestStore, type TestDatabase } from '../../helpers/databases.js';
import { LogCapture } from '../../helpers/log-capture.js';
import { recordingUnit, untilAborted } from '../../helpers/work-units.js';

/** A store whose database can be cut off: every call rejects as if PostgreSQL were unreachable. */
class Unreachable extends LeaseStore {
  down = false;
  #check() {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  }
  override async tryAcquire(name: string, owner: string, ttlMs: number) {
    this.#check();
    return super.tryAcquire(name, owner, ttlMs);
  }
  override async renew(lease: Lease, ttlMs: number) {
    this.#check();
    return super.renew(lease, ttlMs);
  }
}

const settle = async () => {
  for (let i = 0; i < 30; i++) await new Promise<void>((r) => setImmediate(r));
};

/** Mock timers and Date; `advance` moves time in 10 ms steps and lets store calls finish in between. */
function mockTime(t: TestContext) {
  t.mock.timers.enable({ apis: ['setInterval', 'setTimeout', 'Date'], now: 1_800_000_000_000 });
  return async (ms: number) => {
    for (let done = 0; done < ms; done += 10) {
      t.mock.timers.tick(Math.min(10, ms - done));
      await settle();
    }
  };
}

describe('lease runner on mock time', () => {
  let db: TestDatabase;
  const log = new LogCapture();
  const logger = createLogger({ level: 'debug', destination: log });
  const logged = (msg: string) => log.records().filter((r) => r.msg === msg);
  const make = (store: LeaseStore, units: WorkUnit[], over: Partial<LeaseRunnerOptions> = {}) =>
    new LeaseRunner({
      store,
      owner: 'me',
      units,
      ttlMs: 1000,
      renewEveryMs: 200,
      logger,
      monotonicNow: () => Date.now(),
      ...over,
    });
  before(async () => {
    db = await openTestStore('sqlite');
  });
  after(() => db.cleanup());
  const clockedStore = () => new Unreachable(db.store, { clock: () => Date.now() });

  test('an owner cut off from the database stops its unit before the lease can expire, then recovers', async (t) => {
    const advance = mockTime(t);
    const store = clockedStore();
    const { unit, runs } = recordingUnit('fence');
    const r = make(store, [unit]);
    r.start();
    await settle();
    assert.equal(runs.length, 1, 'the first attempt is made at start');
    await advance(200);
    const renewed = (await store.list()).find((l) => l.name === 'fence')!;
    assert.ok(renewed.renewedAt > renewed.acquiredAt, 'a renewal succeeded');
    store.down = true;
    let abortedAt: number | undefined;
    runs[0]!.signal.addEventListener('abort', () => {
      abortedAt = Date.now();
    });
    const fenceAt = renewed.renewedAt + selfFenceAfterMs(1000, 200);
    await advance(fenceAt - 10 - Date.now());
    assert.equal(abortedAt, undefined, 'work goes on while the lease may still be valid');
    assert.deepEqual(r.owned(), ['fence']);
    await advance(10);
    assert.ok(abortedAt !== undefined, 'work stopped at the fence');
    assert.ok(abortedAt < renewed.expiresAt, 'before anyone else could take the lease');
    assert.deepEqual(r.owned(), []);
    assert.equal(logged('lease not renewed in time; stopping work').length, 1);
    assert.ok(logged('lease renewal failed; work stops if it cannot renew in time').length >= 2);
    const row = (await store.list()).find((l) => l.name === 'fence');
    assert.equal(row?.owner, 'me', 'the lease was not released: nobody could reach the database');

    store.down = false;
    await advance(400);
    assert.equal(runs.length, 2, 'the unit runs again once the database answers');
    assert.equal(runs[1]!.lease.epoch, runs[0]!.lease.epoch + 1);
    await r.stop();
  });

  test('a lease taken by another instance aborts the unit, is recorded as lost, and is not released', async (t) => {
    const advance = mockTime(t);
    const store = clockedStore();
    const { unit, runs } = recordingUnit('lost');
    const r = make(store, [unit]);
    r.start();
    await settle();
    // Another instance takes the lease, as after a long pause of this one.
    await db.store.db.updateTable('leases').set({ expires_at: 0 }).where('name', '=', 'lost').execute();
    const theirs = await store.tryAcquire('lost', 'them', 60_000);
    assert.ok(theirs);
    await advance(200);
    assert.equal(runs[0]?.signal.aborted, true);
    assert.equal(runs[0]?.ended, true);
    assert.deepEqual(r.owned(), []);
    assert.equal(logged('lease lost to another instance; stopping work').length, 1);
    const lost = (await store.events('lost')).filter((e) => e.event === 'lost');
    assert.deepEqual(
      lost.map((e) => [e.owner, e.epoch]),
      [['me', 1]],
    );
    await advance(600);
    assert.equal(runs.length, 1, 'no new run while the other instance holds the lease');
    await r.stop();
    assert.equal((await store.list()).find((l) => l.name === 'lost')?.owner, 'them');
  });

  test('a failing unit is restarted on later rounds with a growing delay', async (t) => {
    const advance = mockTime(t);
    const starts: number[] = [];
    const unit: WorkUnit = {
      name: 'flaky-unit',
      async run({ signal }) {
        starts.push(Date.now());
        if (starts.length < 4) throw new Error(`boom ${starts.length}`);
        await untilAborted(signal);
      },
    };
    const r = make(clockedStore(), [unit], { ttlMs: 2000, renewEveryMs: 100 });
    r.start();
    await settle();
    assert.equal(starts.length, 1);
    await advance(2000);
    assert.equal(starts.length, 4);
    const gaps = starts.slice(1).map((s, i) => s - starts[i]!);
    assert.ok(
      gaps.every((g, i) => g >= 100 && (i === 0 || g > gaps[i - 1]!)),
      `gaps ${gaps}`,
    );
    const failures = logged('work unit failed; restarting while the lease is held');
    assert.deepEqual(
      failures.map((f) => (f.err as { message: string }).message),
      ['boom 1', 'boom 2', 'boom 3'],
    );
    await r.stop();
  });

  test('a unit that returns while holding its lease is reported and restarted', async (t) => {
    const advance = mockTime(t);
    let runs = 0;
    const unit: WorkUnit = {
      name: 'quitter',
      async run({ signal }) {
        runs++;
        if (runs > 1) await untilAborted(signal);
      },
    };
    const r = make(clockedStore(), [unit]);
    r.start();
    await advance(600);
    assert.equal(runs, 2);
    const errs = logged('work unit failed; restarting while the lease is held').map(
      (f) => f.err as { code?: string },
    );
    assert.ok(errs.some((e) => e.code === 'GSOC_LEASE_UNIT_RETURNED'));
    await r.stop();
  });

  test('a unit slow to stop delays only itself: others keep renewing, and it restarts after it returned', async (t) => {
    const advance = mockTime(t);
    const store = clockedStore();
    let finish = () => {};
    let stuckRuns = 0;
    const stuck: WorkUnit = {
      name: 'stuck',
      async run() {
        stuckRuns++;
        // Ignores its signal until the test lets it go.
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
    };
    const { unit: healthy } = recordingUnit('healthy');
    const r = make(store, [stuck, healthy]);
    r.start();
    await settle();
    // The stuck unit's lease lapses; its next renewal finds it gone.
    await db.store.db.updateTable('leases').set({ expires_at: 0 }).where('name', '=', 'stuck').execute();
    await advance(200);
    assert.deepEqual(r.owned(), ['healthy']);
    const before = (await store.list()).find((l) => l.name === 'healthy')!;
    await advance(600);
    const later = (await store.list()).find((l) => l.name === 'healthy')!;
    assert.ok(later.renewedAt > before.renewedAt, 'the healthy unit kept renewing');
    assert.equal(stuckRuns, 1, 'no second run while the first has not returned');
    assert.deepEqual(r.owned(), ['healthy']);
    finish();
    await advance(200);
    assert.equal(stuckRuns, 2);
    assert.deepEqual(r.owned().sort(), ['healthy', 'stuck']);
    const stopping = r.stop();
    await settle();
    finish();
    await stopping;
  });

  test('a database down at start is retried every round without crashing', async (t) => {
    const advance = mockTime(t);
    const store = clockedStore();
    store.down = true;
    const { unit, runs } = recordingUnit('late');
    const r = make(store, [unit]);
    r.start();
    await advance(400);
    assert.equal(runs.length, 0);
    assert.ok(logged('lease round failed; retrying next round').length >= 2);
    store.down = false;
    await advance(200);
    assert.equal(runs.length, 1);
    await r.stop();
  });
});
