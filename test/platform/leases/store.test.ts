// The lease store on both dialects: acquisition, renewal, release, takeover, epochs and races.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type Store } from '../../../src/platform/db/index.js';
import { type Lease, LeaseStore } from '../../../src/platform/leases/index.js';
import { DIALECTS, openTestStore, type TestDatabase } from '../../helpers/databases.js';
import { waitFor } from '../../helpers/wait.js';

const TTL = 60_000;

for (const dialect of DIALECTS) {
  describe(`lease store on ${dialect}`, () => {
    let t: TestDatabase;
    let now = 1_800_000_000_000;
    let leases: LeaseStore;
    // SQLite follows the injected clock; PostgreSQL only its own, so there a lease is expired by
    // moving its expiry into the past.
    const expire = async (name: string) => {
      if (dialect === 'sqlite') now += TTL + 1;
      else await t.store.db.updateTable('leases').set({ expires_at: 0 }).where('name', '=', name).execute();
    };
    const current = async (name: string) => (await leases.list()).find((l) => l.name === name);

    before(async () => {
      t = await openTestStore(dialect);
      leases = new LeaseStore(t.store, { clock: () => now });
    });
    after(() => t.cleanup());

    test('the first owner gets epoch 1; a second owner gets nothing while it is live', async () => {
      const a = await leases.tryAcquire('mailbox:a', 'one', TTL);
      assert.ok(a);
      assert.deepEqual(
        { owner: a.owner, epoch: a.epoch, ttl: a.expiresAt - a.acquiredAt },
        { owner: 'one', epoch: 1, ttl: TTL },
      );
      assert.equal(a.renewedAt, a.acquiredAt);
      for (const k of ['epoch', 'acquiredAt', 'renewedAt', 'expiresAt'] as const)
        assert.equal(typeof a[k], 'number', k);
      assert.equal(await leases.tryAcquire('mailbox:a', 'two', TTL), undefined);
      assert.deepEqual(await leases.list(), [a]);
    });

    test('renewal extends the lease and keeps the epoch; nobody else can renew it', async () => {
      const a = (await current('mailbox:a'))!;
      if (dialect === 'sqlite') now += 1000;
      const r = await leases.renew(a, TTL);
      assert.ok(r);
      assert.equal(r.epoch, a.epoch);
      assert.equal(r.acquiredAt, a.acquiredAt);
      assert.equal(r.expiresAt - r.renewedAt, TTL);
      assert.ok(r.expiresAt >= a.expiresAt);
      assert.equal(await leases.renew({ ...a, owner: 'two' }, TTL), undefined);
      assert.equal(await leases.renew({ ...a, epoch: a.epoch + 1 }, TTL), undefined);
    });

    test('after expiry another owner takes over with the next epoch; the old owner cannot renew', async () => {
      const old = (await current('mailbox:a'))!;
      await expire('mailbox:a');
      const b = await leases.tryAcquire('mailbox:a', 'two', TTL);
      assert.equal(b?.owner, 'two');
      assert.equal(b?.epoch, old.epoch + 1);
      assert.equal(await leases.renew(old, TTL), undefined);
      const takeover = (await leases.events('mailbox:a')).find((e) => e.event === 'taken-over');
      assert.equal(takeover?.owner, 'two');
      assert.equal(takeover?.epoch, 2);
      assert.match(takeover?.detail ?? '', /^from one \(epoch 1\), whose lease expired at \d{4}-\d\d-\d\dT/);
    });

    test('release hands the lease over at once and is recorded', async () => {
      const b = (await current('mailbox:a'))!;
      await leases.release(b);
      assert.equal(await current('mailbox:a'), undefined, 'a released lease is not listed');
      const c = await leases.tryAcquire('mailbox:a', 'three', TTL);
      assert.equal(c?.epoch, b.epoch + 1);
      const events = await leases.events('mailbox:a');
      assert.deepEqual(
        events.map((e) => [e.event, e.owner, e.epoch]),
        [
          ['acquired', 'one', 1],
          ['taken-over', 'two', 2],
          ['released', 'two', 2],
          ['acquired', 'three', 3],
        ],
      );
      assert.ok(events.every((e) => typeof e.at === 'number' && typeof e.epoch === 'number'));
    });

    test('releasing twice, or a lease someone else holds, changes nothing', async () => {
      const c = (await current('mailbox:a'))!;
      await leases.release({ ...c, owner: 'intruder' });
      await leases.release({ ...c, epoch: c.epoch - 1 });
      assert.equal((await current('mailbox:a'))?.owner, 'three');
      const before = (await leases.events('mailbox:a')).length;
      await leases.release(c);
      await leases.release(c);
      assert.equal((await leases.events('mailbox:a')).length, before + 1);
    });

    test('an owner may take its own lapsed lease again, with a new epoch and no takeover', async () => {
      const d = await leases.tryAcquire('feed:x', 'four', TTL);
      assert.ok(d);
      await expire('feed:x');
      assert.equal(await leases.renew(d, TTL), undefined, 'a lapsed lease cannot be renewed');
      const again = await leases.tryAcquire('feed:x', 'four', TTL);
      assert.equal(again?.epoch, d.epoch + 1);
      assert.equal(await leases.renew(d, TTL), undefined, 'the older epoch is fenced off');
      assert.deepEqual(
        (await leases.events('feed:x')).map((e) => e.event),
        ['acquired', 'acquired'],
      );
    });

    test('the epoch grows by one with every acquisition, whoever acquires', async () => {
      const epochs: number[] = [];
      for (const owner of ['p', 'q', 'q', 'r', 'p']) {
        const l = await leases.tryAcquire('epochs', owner, TTL);
        assert.ok(l, owner);
        epochs.push(l.epoch);
        if (owner === 'q') await leases.release(l);
        else await expire('epochs');
      }
      assert.deepEqual(epochs, [1, 2, 3, 4, 5]);
    });

    test('of many owners asking at once for a free lease, exactly one gets it, round after round', async () => {
      const owners = Array.from({ length: 8 }, (_, i) => `racer-${i}`);
      for (let round = 1; round <= 4; round++) {
        const got = await Promise.all(owners.map((o) => leases.tryAcquire('race', o, TTL)));
        const winners = got.filter((l): l is Lease => l !== undefined);
        assert.equal(winners.length, 1, `round ${round}`);
        assert.equal(winners[0]?.epoch, round);
        await expire('race');
      }
    });

    test('a ttl that is not a positive whole number is refused', async () => {
      for (const ttl of [0, -1, 1.5, Number.NaN]) {
        await assert.rejects(leases.tryAcquire('bad', 'o', ttl), { code: 'GSOC_LEASE_OPTIONS_INVALID' });
      }
    });

    test('lost leases are recorded with a detail, and events filter by name', async () => {
      const l = (await current('race'))!;
      await leases.recordLost(l, 'renewal found the lease expired or taken');
      const lost = (await leases.events('race')).filter((e) => e.event === 'lost');
      assert.deepEqual(
        lost.map((e) => [e.owner, e.epoch, e.detail]),
        [[l.owner, l.epoch, 'renewal found the lease expired or taken']],
      );
      const all = await leases.events();
      assert.ok(all.some((e) => e.name === 'mailbox:a') && all.some((e) => e.name === 'race'));
    });
  });
}

describe('lease store on PostgreSQL with several instances', () => {
  let t: TestDatabase;
  const others: Store[] = [];
  before(async () => {
    t = await openTestStore('postgres');
    // Separate pools stand in for separate instances.
    for (let i = 0; i < 3; i++) others.push(await openDatabase(t.url));
  });
  after(async () => {
    await Promise.all(others.map((s) => s.close()));
    await t.cleanup();
  });

  test('of instances racing over separate connections, exactly one wins each time', async () => {
    const stores = others.map((s) => new LeaseStore(s));
    for (let round = 1; round <= 5; round++) {
      const got = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          stores[i % stores.length]!.tryAcquire('shared', `inst-${i}`, 60_000),
        ),
      );
      const winners = got.filter((l): l is Lease => l !== undefined);
      assert.equal(winners.length, 1, `round ${round}`);
      assert.equal(winners[0]?.epoch, round);
      await stores[0]!.release(winners[0]!);
    }
  });

  test('expiry follows the database clock, not a skewed local one', async () => {
    const skewed = new LeaseStore(t.store, { clock: () => Date.now() + 86_400_000 });
    const a = await skewed.tryAcquire('clock', 'one', 300);
    assert.ok(a);
    const serverNow = await skewed.now();
    assert.ok(Math.abs(a.acquiredAt - serverNow) < 60_000, 'times come from the server');
    assert.equal(await skewed.tryAcquire('clock', 'two', 300), undefined);
    // Once the server's clock passes the expiry, another owner takes over.
    await waitFor('lease expired on the server', async () => (await skewed.now()) > a.expiresAt);
    const b = await skewed.tryAcquire('clock', 'two', 60_000);
    assert.equal(b?.epoch, a.epoch + 1);
    assert.ok(b && b.acquiredAt >= a.expiresAt);
  });
});
