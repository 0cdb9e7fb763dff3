// The lease runner against real stores on both dialects, in real time: tests only wait for
// conditions, never for durations. Timing behaviour is in runner-timing.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  LeaseRunner,
  type LeaseRunnerOptions,
  LeaseStore,
  selfFenceAfterMs,
  type WorkUnit,
} from '../../../src/platform/leases/index.js';
import { createLogger } from '../../../src/platform/log.js';
import { DIALECTS, openTestStore, type TestDatabase } from '../../helpers/databases.js';
import { waitFor } from '../../helpers/wait.js';
import { recordingUnit, untilAborted } from '../../helpers/work-units.js';

describe('lease runner options', () => {
  test('refuses inconsistent timings and duplicate unit names', () => {
    const store = {} as LeaseStore;
    const logger = createLogger({ level: 'silent' });
    const u = recordingUnit('a').unit;
    const bad: Array<Partial<LeaseRunnerOptions>> = [
      { ttlMs: 1000, renewEveryMs: 600 },
      { ttlMs: 1000, renewEveryMs: 0 },
      { ttlMs: 0, renewEveryMs: 0 },
      { ttlMs: 1000.5, renewEveryMs: 100 },
      { units: [u, u] },
    ];
    for (const over of bad) {
      assert.throws(
        () =>
          new LeaseRunner({ store, owner: 'o', units: [u], ttlMs: 1000, renewEveryMs: 100, logger, ...over }),
        { code: 'GSOC_LEASE_OPTIONS_INVALID' },
        JSON.stringify(over),
      );
    }
  });

  test('the self-fence falls after the next renewal and before expiry', () => {
    for (const ttlMs of [1000, 5000, 30_000, 3_600_000]) {
      for (const share of [2, 3, 5, 10, 100]) {
        const renewEveryMs = Math.floor(ttlMs / share);
        const fence = selfFenceAfterMs(ttlMs, renewEveryMs);
        assert.ok(fence > renewEveryMs && fence < ttlMs, `${ttlMs}/${renewEveryMs}: ${fence}`);
      }
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`lease runner on ${dialect}`, () => {
    let db: TestDatabase;
    let store: LeaseStore;
    const logger = createLogger({ level: 'silent' });
    before(async () => {
      db = await openTestStore(dialect);
      store = new LeaseStore(db.store);
    });
    after(() => db.cleanup());
    const make = (owner: string, units: WorkUnit[]) =>
      new LeaseRunner({ store, owner, units, ttlMs: 5000, renewEveryMs: 100, logger });

    test('runs a unit once it holds the lease; stop aborts it, waits for it and releases the lease', async () => {
      const { unit, runs } = recordingUnit('job');
      const r = make('a', [unit]);
      r.start();
      await waitFor('unit running', () => runs.length === 1);
      assert.deepEqual(r.owned(), ['job']);
      await r.stop();
      assert.equal(runs[0]?.ended, true, 'stop waited for the run to return');
      assert.deepEqual(r.owned(), []);
      assert.equal(
        (await store.list()).find((l) => l.name === 'job'),
        undefined,
      );
      assert.deepEqual(
        (await store.events('job')).map((e) => [e.event, e.owner]),
        [
          ['acquired', 'a'],
          ['released', 'a'],
        ],
      );
    });

    test('two runners never run a unit at once; a stopped owner hands over without waiting for expiry', async () => {
      let active = 0;
      let maxActive = 0;
      const starts: string[] = [];
      const unitFor = (owner: string): WorkUnit => ({
        name: 'shared',
        async run({ signal }) {
          active++;
          maxActive = Math.max(maxActive, active);
          starts.push(owner);
          await untilAborted(signal);
          active--;
        },
      });
      const a = make('a', [unitFor('a')]);
      const b = make('b', [unitFor('b')]);
      a.start();
      await waitFor('a runs', () => starts.includes('a'));
      b.start();
      await waitFor('a renewed several times while b was running', async () => {
        const l = (await store.list()).find((x) => x.name === 'shared');
        return l && l.renewedAt - l.acquiredAt >= 500;
      });
      assert.deepEqual(b.owned(), []);
      await a.stop();
      await waitFor('b runs', () => starts.includes('b'));
      await b.stop();
      assert.equal(maxActive, 1);
      assert.deepEqual(starts, ['a', 'b']);
      const events = (await store.events('shared')).map((e) => [e.event, e.owner, e.epoch]);
      assert.deepEqual(events, [
        ['acquired', 'a', 1],
        ['released', 'a', 1],
        ['acquired', 'b', 2],
        ['released', 'b', 2],
      ]);
    });

    test('an acquisition under way when stop is called is released, and its unit never starts', async () => {
      let open = () => {};
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      class Gated extends LeaseStore {
        override async tryAcquire(name: string, owner: string, ttlMs: number) {
          await gate;
          return super.tryAcquire(name, owner, ttlMs);
        }
      }
      const { unit, runs } = recordingUnit('gated');
      const r = new LeaseRunner({
        store: new Gated(db.store),
        owner: 'a',
        units: [unit],
        ttlMs: 2000,
        renewEveryMs: 100,
        logger,
      });
      r.start();
      const stopping = r.stop();
      open();
      await stopping;
      assert.equal(runs.length, 0);
      assert.deepEqual(
        (await store.events('gated')).map((e) => e.event),
        ['acquired', 'released'],
      );
    });
  });
}
