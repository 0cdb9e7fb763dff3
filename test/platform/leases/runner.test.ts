import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Lease, LeaseRunner, LeaseStore, type WorkUnit } from '../../../src/platform/leases/index.js';
import { createLogger } from '../../../src/platform/log.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { LogCapture } from '../../helpers/log-capture.js';
import { waitFor } from '../../helpers/wait.js';

const untilAborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

/** A unit that counts how many runs are active at once across every runner sharing it. */
function trackedUnit(
  name: string,
  track: { active: number; maxActive: number; starts: string[] },
  owner: string,
): WorkUnit {
  return {
    name,
    async run({ signal }) {
      track.active++;
      track.maxActive = Math.max(track.maxActive, track.active);
      track.starts.push(owner);
      await untilAborted(signal);
      track.active--;
    },
  };
}

describe('lease runner', () => {
  let t: TestDatabase;
  let store: LeaseStore;
  const log = new LogCapture();
  const logger = createLogger({ level: 'debug', destination: log });

  before(async () => {
    t = await openTestDatabase('sqlite');
    store = new LeaseStore(t.store);
  });
  after(() => t.cleanup());

  test('runs a unit once it holds the lease, and on stop aborts it and releases the lease', async () => {
    const track = { active: 0, maxActive: 0, starts: [] as string[] };
    const r = new LeaseRunner({
      store,
      owner: 'a',
      units: [trackedUnit('u1', track, 'a')],
      ttlMs: 2000,
      renewEveryMs: 100,
      logger,
    });
    r.start();
    await waitFor('unit running', () => track.active === 1);
    assert.deepEqual(r.owned(), ['u1']);
    await r.stop();
    assert.equal(track.active, 0);
    assert.equal(
      (await store.list()).find((l) => l.name === 'u1'),
      undefined,
    );
    assert.ok((await store.events('u1')).some((e) => e.event === 'released' && e.owner === 'a'));
  });

  test('two runners never run the same unit at once; a stopped owner hands over', async () => {
    const track = { active: 0, maxActive: 0, starts: [] as string[] };
    const a = new LeaseRunner({
      store,
      owner: 'a',
      units: [trackedUnit('u2', track, 'a')],
      ttlMs: 2000,
      renewEveryMs: 50,
      logger,
    });
    const b = new LeaseRunner({
      store,
      owner: 'b',
      units: [trackedUnit('u2', track, 'b')],
      ttlMs: 2000,
      renewEveryMs: 50,
      logger,
    });
    a.start();
    await waitFor('a runs', () => track.starts.includes('a'));
    b.start();
    // Many renewal rounds of both runners pass; b must keep waiting.
    await waitFor('a renewed several times', async () => {
      const l = (await store.list()).find((x) => x.name === 'u2');
      return l && l.renewedAt - l.acquiredAt >= 500;
    });
    assert.deepEqual(b.owned(), []);
    await a.stop();
    await waitFor('b runs', () => track.starts.includes('b'));
    await b.stop();
    assert.equal(track.maxActive, 1);
    assert.deepEqual(track.starts, ['a', 'b']);
  });

  test('a runner that finds its lease taken stops the unit and records the loss', async () => {
    const track = { active: 0, maxActive: 0, starts: [] as string[] };
    const r = new LeaseRunner({
      store,
      owner: 'a',
      units: [trackedUnit('u3', track, 'a')],
      ttlMs: 2000,
      renewEveryMs: 50,
      logger,
    });
    r.start();
    await waitFor('unit running', () => track.active === 1);
    // Another instance takes the lease (as after a long pause of this one).
    await t.store.db.updateTable('leases').set({ expires_at: 0 }).where('name', '=', 'u3').execute();
    assert.ok(await store.tryAcquire('u3', 'z', 60_000));
    await waitFor('unit stopped', () => track.active === 0);
    assert.deepEqual(r.owned(), []);
    await waitFor('lost event', async () =>
      (await store.events('u3')).some((e) => e.event === 'lost' && e.owner === 'a'),
    );
    await r.stop();
    assert.equal(
      (await store.list()).find((l) => l.name === 'u3')?.owner,
      'z',
      'stop must not release a lease it lost',
    );
  });

  test('an owner cut off from the database stops the unit before its lease can expire (self-fencing)', async () => {
    class Unreachable extends LeaseStore {
      down = false;
      override async renew(lease: Lease, ttlMs: number): Promise<Lease | undefined> {
        if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        return super.renew(lease, ttlMs);
      }
    }
    const flaky = new Unreachable(t.store);
    let abortedAt = 0;
    let lease: Lease | undefined;
    const unit: WorkUnit = {
      name: 'u4',
      async run({ signal, lease: l }) {
        lease = l;
        await untilAborted(signal);
        abortedAt = Date.now();
      },
    };
    const r = new LeaseRunner({
      store: flaky,
      owner: 'a',
      units: [unit],
      ttlMs: 4000,
      renewEveryMs: 200,
      logger,
    });
    r.start();
    await waitFor('unit running', () => lease !== undefined);
    flaky.down = true;
    await waitFor('unit fenced', () => abortedAt > 0, { timeoutMs: 10_000 });
    const row = (await store.list()).find((l) => l.name === 'u4');
    assert.ok(row, 'the lease row is still there: nobody released it');
    assert.ok(abortedAt < row.expiresAt, 'work must stop before the lease expires for others');
    assert.match(log.text, /lease not renewed in time; stopping work/);
    await r.stop();
  });

  test('a unit that fails is restarted while the lease is held', async () => {
    let runs = 0;
    const unit: WorkUnit = {
      name: 'u5',
      async run({ signal }) {
        runs++;
        if (runs < 3) throw new Error(`boom ${runs}`);
        await untilAborted(signal);
      },
    };
    const r = new LeaseRunner({ store, owner: 'a', units: [unit], ttlMs: 2000, renewEveryMs: 20, logger });
    r.start();
    await waitFor('third run', () => runs >= 3);
    assert.match(log.text, /work unit failed; restarting/);
    await r.stop();
  });
});
