// Console sessions on both dialects: creation, idle and absolute expiry on an injected clock,
// revocation (one, by ref, everywhere), hash-only storage, listing and the purge.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type Store } from '../../../src/platform/db/index.js';
import { SessionStore } from '../../../src/platform/web-session/index.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

const MIN = 60_000;
const OID = '6f1c2a94-0b7e-4c1d-9a55-3e2f1d0c9b8a';
const person = (subject = OID, name = 'Alice Analyst') => ({
  subject,
  name,
  roles: ['analyst' as const],
  ip: '198.51.100.7',
  userAgent: 'Mozilla/5.0 test',
});

for (const dialect of DIALECTS) {
  describe(`session store on ${dialect}`, () => {
    let t: TestDatabase;
    let now = 1_800_000_000_000;
    let sessions: SessionStore;
    before(async () => {
      t = await openTestDatabase(dialect);
      sessions = new SessionStore(t.store, { clock: () => now });
    });
    after(() => t.cleanup());

    test('create hands out a 43-character id, a token and the 12-hour end; get finds the session', async () => {
      const c = await sessions.create(person());
      assert.match(c.id, /^[A-Za-z0-9_-]{43}$/);
      assert.match(c.csrfToken, /^[A-Za-z0-9_-]{43}$/);
      assert.notEqual(c.id, c.csrfToken);
      assert.equal(c.expiresAt, now + 12 * 60 * MIN);
      const s = await sessions.get(c.id);
      assert.ok(s);
      assert.deepEqual(
        { subject: s.subject, name: s.name, roles: s.roles, ip: s.ip, csrf: s.csrfToken, ref: s.ref },
        {
          subject: OID,
          name: 'Alice Analyst',
          roles: ['analyst'],
          ip: '198.51.100.7',
          csrf: c.csrfToken,
          ref: c.ref,
        },
      );
      assert.equal(s.idleExpiresAt, now + 30 * MIN);
    });

    test('only the SHA-256 of the id is stored; the id appears in no column', async () => {
      const c = await sessions.create(person());
      const rows = await t.store.db.selectFrom('console_sessions').selectAll().execute();
      const dump = JSON.stringify(rows);
      assert.ok(!dump.includes(c.id));
      const hash = createHash('sha256').update(c.id).digest('base64url');
      assert.ok(rows.some((r) => r.id_hash === hash));
      // The stored hash used as a cookie value opens nothing.
      assert.equal(await sessions.get(hash), undefined);
    });

    test('an unknown, empty, missing or oddly shaped id is no session, and says why', async () => {
      assert.deepEqual(await sessions.lookup(undefined), { reason: 'none' });
      assert.deepEqual(await sessions.lookup(''), { reason: 'none' });
      assert.deepEqual(await sessions.lookup('x'.repeat(43)), { reason: 'unknown' });
      assert.deepEqual(await sessions.lookup('short'), { reason: 'unknown' });
      assert.deepEqual(await sessions.lookup(`${'a'.repeat(42)};`), { reason: 'unknown' });
      await assert.rejects(
        sessions.requireSession(undefined),
        (e: Error & { code?: string; httpStatus?: number; details?: unknown }) => {
          assert.equal(e.code, 'GSOC_SESSION_REQUIRED');
          assert.equal(e.httpStatus, 401);
          assert.deepEqual(e.details, { reason: 'none' });
          return true;
        },
      );
    });

    test('idle: a session unused for 30 minutes ends; each use slides the end', async () => {
      const c = await sessions.create(person());
      for (let i = 0; i < 5; i++) {
        now += 29 * MIN;
        assert.ok(await sessions.get(c.id), `still live after use ${i}`);
      }
      now += 30 * MIN;
      assert.deepEqual(await sessions.lookup(c.id), { reason: 'idle' });
      assert.deepEqual(await sessions.lookup(c.id), { reason: 'unknown' }, 'an ended session is gone');
    });

    test('the idle clock is written at most once a minute', async () => {
      const c = await sessions.create(person());
      const lastSeen = async () =>
        (
          await t.store.db
            .selectFrom('console_sessions')
            .select('last_seen_at')
            .where('id_hash', '=', c.ref)
            .executeTakeFirstOrThrow()
        ).last_seen_at;
      const created = now;
      now += 30_000;
      assert.equal((await sessions.get(c.id))?.lastSeenAt, created);
      assert.equal(await lastSeen(), created, 'not written within the minute');
      now += 30_000;
      assert.equal((await sessions.get(c.id))?.lastSeenAt, now);
      assert.equal(await lastSeen(), now);
    });

    test('absolute: however busy, a session ends 12 hours after sign-in', async () => {
      const c = await sessions.create(person());
      const end = c.expiresAt;
      while (now + 20 * MIN < end) {
        now += 20 * MIN;
        assert.ok(await sessions.get(c.id));
      }
      now = end;
      assert.deepEqual(await sessions.lookup(c.id), { reason: 'expired' });
      assert.equal(await sessions.get(c.id), undefined);
    });

    test('whichever end comes first ends the session; idleExpiresAt never passes the absolute end', async () => {
      const c = await sessions.create(person());
      now = c.expiresAt - MIN;
      assert.deepEqual(await sessions.lookup(c.id), { reason: 'idle' }, 'silent for 11 h 59 min');
      const e = await sessions.create(person());
      let last: number | undefined;
      for (let live = await sessions.get(e.id); live; live = await sessions.get(e.id)) {
        assert.ok(live.idleExpiresAt <= e.expiresAt);
        last = live.idleExpiresAt;
        now += 29 * MIN;
      }
      assert.equal(last, e.expiresAt, 'near the end, idle expiry is capped at the absolute end');
    });

    test('revoke ends one session; revokeSubject ends all of one person and no one else', async () => {
      const a1 = await sessions.create(person());
      const a2 = await sessions.create(person());
      const b = await sessions.create(person('local:bob', 'Bob'));
      assert.equal(await sessions.revoke(a1.id), true);
      assert.equal(await sessions.revoke(a1.id), false);
      assert.equal(await sessions.revoke('not-an-id'), false);
      assert.equal(await sessions.get(a1.id), undefined);
      assert.ok(await sessions.get(a2.id));
      const a3 = await sessions.create(person(OID.toUpperCase()));
      assert.ok((await sessions.revokeSubject(OID)) >= 2, 'the object id is matched whatever its case');
      assert.equal(await sessions.get(a2.id), undefined);
      assert.equal(await sessions.get(a3.id), undefined);
      assert.ok(await sessions.get(b.id));
    });

    test('list shows live sessions newest first without tokens; revokeRef ends one, only its owner’s when asked', async () => {
      await t.store.db.deleteFrom('console_sessions').execute();
      const b1 = await sessions.create(person('local:bob', 'Bob'));
      now += 1000;
      const b2 = await sessions.create(person('local:bob', 'Bob'));
      await sessions.create(person());
      const mine = await sessions.list('local:bob');
      assert.deepEqual(
        mine.map((s) => s.ref),
        [b2.ref, b1.ref],
      );
      assert.ok(mine.every((s) => !('csrfToken' in s)));
      assert.equal((await sessions.list()).length, 3);
      assert.equal(await sessions.revokeRef(b1.ref, OID), false, "not Alice's to end");
      assert.equal(await sessions.revokeRef(b1.ref, 'local:bob'), true);
      assert.equal(await sessions.get(b1.id), undefined);
      now += 31 * MIN;
      assert.deepEqual(await sessions.list(), [], 'idle ones are not listed');
    });

    test('purge deletes idle and expired rows and keeps live ones', async () => {
      await t.store.db.deleteFrom('console_sessions').execute();
      await sessions.create(person());
      now += 31 * MIN;
      const live = await sessions.create(person());
      assert.equal(await sessions.purge(), 1);
      assert.ok(await sessions.get(live.id));
      assert.equal(await sessions.purge(), 0);
    });

    test('create refuses a malformed subject, an unknown role or no role, and cuts a long user agent', async () => {
      for (const bad of [
        { ...person(), subject: 'alice' },
        { ...person(), subject: 'local:' },
        { ...person(), subject: 'local:a\nb' },
        { ...person(), roles: ['root' as never] },
        { ...person(), roles: [] },
        { ...person(), name: '' },
      ])
        await assert.rejects(sessions.create(bad), /GSOC_SESSION_RECORD_INVALID|session not created/);
      const c = await sessions.create({ ...person(), userAgent: 'u'.repeat(100_000) });
      assert.equal((await sessions.get(c.id))?.userAgent.length, 512);
    });

    test('a stored role no longer known is dropped, never trusted', async () => {
      const c = await sessions.create(person());
      await t.store.db
        .updateTable('console_sessions')
        .set({ roles: JSON.stringify(['superuser', 'viewer']) })
        .where('id_hash', '=', c.ref)
        .execute();
      assert.deepEqual((await sessions.get(c.id))?.roles, ['viewer']);
    });

    test('options out of bounds are refused with GSOC_SESSION_OPTIONS_INVALID', () => {
      for (const o of [
        { idleTimeoutSec: 0 },
        { idleTimeoutSec: 7200, absoluteLifetimeSec: 3600 },
        { touchEverySec: 1000 },
      ])
        assert.throws(
          () => new SessionStore(t.store, o),
          (e: Error & { code?: string }) => e.code === 'GSOC_SESSION_OPTIONS_INVALID',
        );
      const short = new SessionStore(t.store, { idleTimeoutSec: 120, touchEverySec: 10, clock: () => now });
      return short.create(person()).then(async (c) => {
        now += 121_000;
        assert.equal(await short.get(c.id), undefined);
      });
    });
  });
}

describe('sessions shared by two instances on one PostgreSQL schema', () => {
  let t: TestDatabase;
  let other: Store;
  before(async () => {
    t = await openTestDatabase('postgres');
    other = await openDatabase(t.url);
  });
  after(async () => {
    await other.close();
    await t.cleanup();
  });

  test('a session made on one instance is seen on the other; sign-out everywhere on either ends it on both', async () => {
    const one = new SessionStore(t.store);
    const two = new SessionStore(other);
    const a = await one.create(person());
    const b = await two.create(person());
    assert.equal((await two.get(a.id))?.csrfToken, a.csrfToken);
    assert.ok(await one.get(b.id));
    assert.equal(await two.revokeSubject(OID), 2);
    assert.equal(await one.get(a.id), undefined);
    assert.equal(await one.get(b.id), undefined);
    assert.equal(await two.get(a.id), undefined);
  });
});
