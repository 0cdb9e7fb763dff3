import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LeaseStore } from '../../../src/platform/leases/index.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

const TTL = 60_000;

for (const dialect of DIALECTS) {
  describe(`lease store on ${dialect}`, () => {
    let t: TestDatabase;
    let now = 1_800_000_000_000;
    let leases: LeaseStore;
    // SQLite uses the injected clock; PostgreSQL always uses its own clock, so expiry there is
    // produced by a short ttl and waiting for it.
    const expire = async (name: string) => {
      if (dialect === 'sqlite') now += TTL + 1;
      else await t.store.db.updateTable('leases').set({ expires_at: 0 }).where('name', '=', name).execute();
    };

    before(async () => {
      t = await openTestDatabase(dialect);
      leases = new LeaseStore(t.store, { clock: () => now });
    });
    after(() => t.cleanup());

    test('the first owner gets epoch 1; a second owner gets nothing while it is live', async () => {
      const a = await leases.tryAcquire('mailbox:a', 'one', TTL);
      assert.equal(a?.owner, 'one');
      assert.equal(a?.epoch, 1);
      assert.equal(a && a.expiresAt - a.acquiredAt, TTL);
      assert.equal(await leases.tryAcquire('mailbox:a', 'two', TTL), undefined);
    });

    test('renewal extends the lease and keeps the epoch', async () => {
      const [a] = await leases.list();
      assert.ok(a);
      if (dialect === 'sqlite') now += 1000;
      const r = await leases.renew(a, TTL);
      assert.equal(r?.epoch, a.epoch);
      assert.ok(r && r.expiresAt > a.expiresAt - 1);
    });

    test('after expiry another owner takes over with a higher epoch; the old owner cannot renew', async () => {
      const [old] = await leases.list();
      assert.ok(old);
      await expire('mailbox:a');
      const b = await leases.tryAcquire('mailbox:a', 'two', TTL);
      assert.equal(b?.owner, 'two');
      assert.equal(b?.epoch, old.epoch + 1);
      assert.equal(await leases.renew(old, TTL), undefined);
      const events = await leases.events('mailbox:a');
      const takeover = events.find((e) => e.event === 'taken-over');
      assert.equal(takeover?.owner, 'two');
      assert.match(takeover?.detail ?? '', /from one \(epoch 1\)/);
    });

    test('release hands the lease over at once, without waiting for expiry', async () => {
      const [b] = await leases.list();
      assert.ok(b);
      await leases.release(b);
      assert.deepEqual(await leases.list(), []);
      const c = await leases.tryAcquire('mailbox:a', 'three', TTL);
      assert.equal(c?.epoch, b.epoch + 1);
      const kinds = (await leases.events('mailbox:a')).map((e) => e.event);
      assert.deepEqual(kinds, ['acquired', 'taken-over', 'released', 'acquired']);
    });

    test('releasing twice or releasing a lease someone else holds changes nothing', async () => {
      const [c] = await leases.list();
      assert.ok(c);
      await leases.release({ ...c, owner: 'intruder' });
      await leases.release({ ...c, epoch: c.epoch - 1 });
      assert.equal((await leases.list())[0]?.owner, 'three');
    });

    test('an owner may take its own lease again, with a new epoch', async () => {
      const [c] = await leases.list();
      assert.ok(c);
      const again = await leases.tryAcquire('mailbox:a', 'three', TTL);
      assert.equal(again?.epoch, c.epoch + 1);
      assert.equal(await leases.renew(c, TTL), undefined, 'the older epoch is fenced off');
    });

    test('of many owners asking at once for a free lease, exactly one gets it', async () => {
      const owners = Array.from({ length: 8 }, (_, i) => `racer-${i}`);
      const got = await Promise.all(owners.map((o) => leases.tryAcquire('feed:race', o, TTL)));
      assert.equal(got.filter(Boolean).length, 1);
      await expire('feed:race');
      const again = await Promise.all(owners.map((o) => leases.tryAcquire('feed:race', o, TTL)));
      const winners = again.filter(Boolean);
      assert.equal(winners.length, 1);
      assert.equal(winners[0]?.epoch, 2);
    });
  });
}

describe('lease store on postgres uses the database clock', () => {
  test('expiry follows the server clock, not a skewed local one', async () => {
    const t = await openTestDatabase('postgres');
    try {
      // A local clock a day off must not matter on PostgreSQL.
      const skewed = new LeaseStore(t.store, { clock: () => Date.now() + 86_400_000 });
      const a = await skewed.tryAcquire('x', 'one', 60_000);
      const serverNow = await skewed.now();
      assert.ok(a && Math.abs(a.acquiredAt - serverNow) < 60_000);
      assert.equal(await skewed.tryAcquire('x', 'two', 60_000), undefined);
    } finally {
      await t.cleanup();
    }
  });
});
