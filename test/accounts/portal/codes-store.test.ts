// The code and portal-session stores on SQLite and PostgreSQL: rate limits that hold under parallel
// issues (insert-then-count), attempts counted atomically, single use under racing right answers,
// links that a look does not spend, expiry, only hashes stored, and the purges.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashToken } from '../../../src/accounts/store/secret-token.js';
import { type CodeLimits, VerificationCodes } from '../../../src/accounts/store/codes.js';
import { PortalSessions } from '../../../src/accounts/store/portal-sessions.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

const LIMITS: CodeLimits = {
  perAddress: { max: 3, windowMinutes: 60 },
  perIp: { max: 5, windowMinutes: 60 },
  codeLifetimeMinutes: 15,
  linkLifetimeMinutes: 60,
  codeAttempts: 5,
};

for (const dialect of DIALECTS) {
  describe(`accounts code store (${dialect})`, () => {
    let db: TestDatabase;
    const now = { ms: Date.UTC(2027, 0, 1) };
    let codes: VerificationCodes;
    before(async () => {
      db = await openTestDatabase(dialect);
      codes = new VerificationCodes(db.store.db, LIMITS, () => now.ms);
    });
    after(() => db.cleanup());

    const issue = (address: string, ip = '192.0.2.1') =>
      codes.issue({ purpose: 'request', address, ipKey: ip });

    test('parallel issues for one address never exceed the limit; Retry-After counts from the oldest', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => issue('race@x.edu', `198.51.100.${i}`)),
      );
      const ok = results.filter((r) => r.ok).length;
      // A burst over the limit may refuse every one of its requests (each sees the others' rows):
      // never more than the limit gets through.
      assert.ok(ok <= 3, `${ok} codes let through`);
      const rows = await db.store.db
        .selectFrom('accounts_codes' as never)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('address' as never, '=', 'race@x.edu' as never)
        .executeTakeFirstOrThrow();
      assert.equal(Number((rows as { n: unknown }).n), ok, 'refused attempts leave no row');
      now.ms += 61 * 60_000;
    });

    test('one at a time: the limit, then Retry-After until the oldest leaves the window', async () => {
      for (let i = 0; i < 3; i++) {
        assert.equal((await issue('seq@x.edu', `198.51.100.${i}`)).ok, true);
        now.ms += 5 * 60_000;
      }
      const r = await issue('seq@x.edu', '203.0.113.1');
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.limit, 'address');
        assert.equal(r.retryAfterSec, 45 * 60);
      }
      now.ms += 45 * 60_000 + 1;
      assert.equal((await issue('seq@x.edu', '203.0.113.2')).ok, true, 'the window moved on');
      now.ms += 61 * 60_000;
    });

    test('the per-network limit counts across addresses', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await issue(`n${i}@x.edu`, '10.77.0.1')).ok, true);
      const over = await issue('n9@x.edu', '10.77.0.1');
      assert.equal(over.ok, false);
      if (!over.ok) assert.equal(over.limit, 'ip');
    });

    test('only hashes are stored', async () => {
      const r = await issue('hash@x.edu');
      assert.ok(r.ok);
      const row = await db.store.db
        .selectFrom('accounts_codes' as never)
        .selectAll()
        .where('id' as never, '=', r.id as never)
        .executeTakeFirstOrThrow();
      const text = JSON.stringify(row);
      assert.ok(!text.includes(r.linkToken) && !text.includes(`"${r.code}"`));
      assert.equal((row as { link_hash: string }).link_hash, hashToken(r.linkToken));
    });

    test('parallel wrong guesses are counted atomically; the code is spent at the limit', async () => {
      const r = await issue('guess@x.edu');
      assert.ok(r.ok);
      const wrong = r.code === '000000' ? '000001' : '000000';
      const tries = await Promise.all(Array.from({ length: 20 }, () => codes.verifyCode(r.id, wrong)));
      assert.ok(tries.every((t) => !t.ok));
      const wrongs = tries.filter((t) => !t.ok && t.reason === 'wrong').length;
      assert.equal(wrongs, 5, 'exactly the attempts allowed were compared');
      const right = await codes.verifyCode(r.id, r.code);
      assert.deepEqual(right, { ok: false, reason: 'spent' });
    });

    test('of racing right answers exactly one wins', async () => {
      const r = await issue('right@x.edu');
      assert.ok(r.ok);
      const tries = await Promise.all(Array.from({ length: 4 }, () => codes.verifyCode(r.id, r.code)));
      assert.equal(tries.filter((t) => t.ok).length, 1);
      const winner = tries.find((t) => t.ok);
      assert.ok(winner?.ok && winner.code.address === 'right@x.edu' && winner.code.purpose === 'request');
    });

    test('a code expires after its lifetime; the link lives longer and a look does not spend it', async () => {
      const r = await issue('late@x.edu');
      assert.ok(r.ok);
      now.ms += 16 * 60_000;
      assert.deepEqual(await codes.verifyCode(r.id, r.code), { ok: false, reason: 'expired' });
      assert.equal((await codes.peekLink(r.linkToken))?.address, 'late@x.edu');
      assert.equal((await codes.peekLink(r.linkToken))?.address, 'late@x.edu');
      assert.equal((await codes.useLink(r.linkToken)).ok, true);
      assert.deepEqual(await codes.useLink(r.linkToken), { ok: false, reason: 'used' });
      assert.equal(await codes.peekLink(r.linkToken), undefined);
      const old = await issue('old@x.edu');
      assert.ok(old.ok);
      now.ms += 61 * 60_000;
      assert.deepEqual(await codes.useLink(old.linkToken), { ok: false, reason: 'expired' });
    });

    test('malformed ids, codes and tokens are refused without a row', async () => {
      assert.deepEqual(await codes.verifyCode('../x', '123456'), { ok: false, reason: 'unknown' });
      assert.deepEqual(await codes.verifyCode('A'.repeat(22), '123456'), { ok: false, reason: 'unknown' });
      assert.deepEqual(await codes.useLink('short'), { ok: false, reason: 'unknown' });
      const r = await issue('shape@x.edu');
      assert.ok(r.ok);
      assert.deepEqual(await codes.verifyCode(r.id, `${r.code}\u0000`), { ok: false, reason: 'wrong' });
      assert.deepEqual(await codes.verifyCode(r.id, 'x'.repeat(100_000)), { ok: false, reason: 'wrong' });
    });

    test('the purge deletes rows that are expired and out of every window', async () => {
      const r = await issue('purge@x.edu', '10.88.0.1');
      assert.ok(r.ok);
      now.ms += 59 * 60_000;
      const kept = await codes.purge();
      assert.equal((await codes.peekLink(r.linkToken))?.address, 'purge@x.edu', `kept (${kept} purged)`);
      now.ms += 2 * 60_000;
      assert.ok((await codes.purge()) >= 1);
      assert.equal(await codes.peekLink(r.linkToken), undefined);
    });

    test('portal sessions: only the hash kept, 30 minutes, ended on request', async () => {
      const sessions = new PortalSessions(db.store.db, () => now.ms);
      const { id, session } = await sessions.create({ address: 's@x.edu', purpose: 'request' });
      assert.equal(session.expiresAt - now.ms, 30 * 60_000);
      const got = await sessions.get(id);
      assert.equal(got?.address, 's@x.edu');
      assert.equal(got?.csrfToken, session.csrfToken);
      assert.equal(await sessions.get('A'.repeat(43)), undefined);
      assert.equal(await sessions.get('not a token'), undefined);
      const rows = await db.store.db
        .selectFrom('accounts_portal_sessions' as never)
        .selectAll()
        .execute();
      assert.ok(!JSON.stringify(rows).includes(id));
      now.ms += 31 * 60_000;
      assert.equal(await sessions.get(id), undefined, 'expired');
      assert.equal(await sessions.purge(), 1);
      const second = await sessions.create({ address: 's@x.edu', purpose: 'request' });
      await sessions.end(second.id);
      assert.equal(await sessions.get(second.id), undefined);
    });
  });
}
