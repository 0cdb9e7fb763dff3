// The sign-in throttle on both dialects: per-address and per-user-name limits in a sliding window,
// Retry-After, the reset on success, concurrent attempts on two instances, and what it stores.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { openDatabase } from '../../../src/platform/db/index.js';
import { ipKey, SignInThrottle, userNameKey } from '../../../src/platform/web-session/index.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

const MIN = 60_000;
const refused =
  (scope: 'ip' | 'user', retryAfterSec?: number) =>
  (
    e: Error & {
      code?: string;
      httpStatus?: number;
      details?: Record<string, unknown>;
      retryAfterSec?: number;
    },
  ) => {
    assert.equal(e.code, 'GSOC_SESSION_THROTTLED');
    assert.equal(e.httpStatus, 429);
    assert.equal(e.details?.scope, scope);
    if (retryAfterSec !== undefined) assert.equal(e.retryAfterSec, retryAfterSec);
    return true;
  };

for (const dialect of DIALECTS) {
  describe(`sign-in throttle on ${dialect}`, () => {
    let t: TestDatabase;
    let now = 1_800_000_000_000;
    let throttle: SignInThrottle;
    const rows = async () =>
      (await t.store.db.selectFrom('console_sign_in_attempts').selectAll().execute()).length;
    before(async () => {
      t = await openTestDatabase(dialect);
      throttle = new SignInThrottle(t.store, { clock: () => now });
    });
    beforeEach(() => t.store.db.deleteFrom('console_sign_in_attempts').execute());
    after(() => t.cleanup());

    test('five failures for one user name from five addresses; the sixth waits for the oldest to leave the window', async () => {
      const start = now;
      for (let i = 0; i < 5; i++) {
        await throttle.begin({ ip: `198.51.100.${i}`, userName: 'alice' });
        now += MIN;
      }
      // 15 min window from the first failure at `start`: 10 minutes to go.
      await assert.rejects(
        throttle.begin({ ip: '203.0.113.9', userName: 'alice' }),
        refused('user', 10 * 60),
      );
      assert.equal(await rows(), 10, 'the refused attempt left nothing behind');
      now = start + 15 * MIN - 1;
      await assert.rejects(throttle.begin({ ip: '203.0.113.9', userName: 'alice' }), refused('user', 1));
      now = start + 15 * MIN;
      await throttle.begin({ ip: '203.0.113.9', userName: 'alice' });
      await assert.rejects(throttle.begin({ ip: '203.0.113.9', userName: 'alice' }), refused('user', 60));
    });

    test('the user name counts whatever its case, width or surrounding space, and is stored only hashed', async () => {
      for (const n of ['Alice', ' alice', 'ALICE ', 'Ａｌｉｃｅ', 'alice'])
        await throttle.begin({ ip: '198.51.100.1', userName: n });
      await assert.rejects(throttle.begin({ ip: '198.51.100.1', userName: 'aLiCe' }), refused('user'));
      await throttle.begin({ ip: '198.51.100.1', userName: 'bob' });
      const stored = JSON.stringify(
        await t.store.db.selectFrom('console_sign_in_attempts').selectAll().execute(),
      );
      assert.ok(!/alice|bob/i.test(stored));
      assert.ok(stored.includes(userNameKey('alice')));
    });

    test('ten failures from one address for ten user names; the eleventh is refused for the address', async () => {
      for (let i = 0; i < 10; i++) await throttle.begin({ ip: '192.0.2.1', userName: `user${i}` });
      await assert.rejects(
        throttle.begin({ ip: '192.0.2.1', userName: 'someone-new' }),
        refused('ip', 15 * 60),
      );
      await throttle.begin({ ip: '192.0.2.2', userName: 'someone-new' });
    });

    test('addresses of one IPv6 /64 count together; another /64 does not', async () => {
      for (let i = 1; i <= 10; i++)
        await throttle.begin({ ip: `2001:db8:1:2::${i.toString(16)}`, userName: `u${i}` });
      await assert.rejects(
        throttle.begin({ ip: '2001:db8:1:2:ffff:ffff:ffff:ffff', userName: 'v' }),
        refused('ip'),
      );
      await throttle.begin({ ip: '2001:db8:1:3::1', userName: 'v' });
    });

    test('a success clears the user name’s failures, but not the address’s', async () => {
      for (let i = 0; i < 4; i++) await throttle.begin({ ip: '192.0.2.7', userName: 'carol' });
      const ok = await throttle.begin({ ip: '192.0.2.7', userName: 'carol' });
      await throttle.succeeded(ok);
      for (let i = 0; i < 5; i++) await throttle.begin({ ip: '192.0.2.8', userName: 'carol' });
      await assert.rejects(throttle.begin({ ip: '192.0.2.8', userName: 'carol' }), refused('user'));
      // 192.0.2.7 kept its four failures (the successful attempt itself is not one).
      for (let i = 0; i < 6; i++) await throttle.begin({ ip: '192.0.2.7', userName: `x${i}` });
      await assert.rejects(throttle.begin({ ip: '192.0.2.7', userName: 'y' }), refused('ip'));
    });

    test('when both limits are spent, the answer waits for the later of the two', async () => {
      for (let i = 0; i < 10; i++) {
        await throttle.begin({ ip: '192.0.2.9', userName: i < 5 ? `n${i}` : 'dave' });
        now += MIN;
      }
      // The address's oldest failure leaves in 5 min, dave's oldest (the sixth) in 10.
      await assert.rejects(throttle.begin({ ip: '192.0.2.9', userName: 'dave' }), refused('user', 10 * 60));
    });

    test('of twenty attempts at once for one user name on two instances, at most five get through', async () => {
      const second = dialect === 'postgres' ? await openDatabase(t.url) : undefined;
      try {
        const other = new SignInThrottle(second ?? t.store, { clock: () => now });
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 ? other : throttle).begin({ ip: `198.51.100.${i}`, userName: 'eve' }),
          ),
        );
        const through = results.filter((r) => r.status === 'fulfilled').length;
        // Never more than five; a burst may be refused whole, since each attempt counts the others in flight.
        assert.ok(through <= 5, `${through} got through`);
        for (const r of results)
          if (r.status === 'rejected')
            assert.equal((r.reason as { code?: string }).code, 'GSOC_SESSION_THROTTLED');
        assert.equal(await rows(), 2 * through, 'refused attempts took their rows back');
        // A later attempt is not held back by the refused ones.
        if (through < 5) await throttle.begin({ ip: '198.51.100.200', userName: 'eve' });
      } finally {
        await second?.close();
      }
    });

    test('purge deletes attempts older than the window and keeps the rest', async () => {
      await throttle.begin({ ip: '192.0.2.10', userName: 'frank' });
      now += 16 * MIN;
      await throttle.begin({ ip: '192.0.2.10', userName: 'frank' });
      assert.equal(await throttle.purge(), 2);
      assert.equal(await rows(), 2);
    });

    test('configured limits apply; out-of-bounds ones are refused', async () => {
      const strict = new SignInThrottle(t.store, {
        perUserName: { maxFailures: 1, windowSec: 60 },
        clock: () => now,
      });
      await strict.begin({ ip: '192.0.2.11', userName: 'gina' });
      await assert.rejects(strict.begin({ ip: '192.0.2.12', userName: 'gina' }), refused('user', 60));
      assert.throws(
        () => new SignInThrottle(t.store, { perIp: { maxFailures: 0 } }),
        /GSOC_SESSION_OPTIONS_INVALID|maxFailures/,
      );
    });
  });
}

describe('throttle keys', () => {
  test('IPv4 as it is; IPv6 as its /64 in one spelling; mapped IPv4 as IPv4; zone ids dropped', () => {
    assert.equal(ipKey('192.0.2.1'), '192.0.2.1');
    assert.equal(ipKey('2001:DB8:0:0001::1'), '2001:db8:0:1::/64');
    assert.equal(ipKey('2001:db8::1:2:3:4'), '2001:db8:0:0::/64');
    assert.equal(ipKey('2001:db8:0:0:1:2:3:4'), '2001:db8:0:0::/64');
    assert.equal(ipKey('::'), '0:0:0:0::/64');
    assert.equal(ipKey('::1'), '0:0:0:0::/64');
    assert.equal(ipKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(ipKey('::ffff:192.0.2.5'), '192.0.2.5');
    assert.equal(ipKey('::ffff:c000:205'), '192.0.2.5');
    assert.equal(ipKey('64:ff9b::192.0.2.5'), '64:ff9b:0:0::/64');
    assert.equal(ipKey('unknown'), 'unknown');
    assert.equal(ipKey('x'.repeat(10_000)).length, 64);
  });

  test('user names: one key for case, width and space variants; a huge name is cut before work', () => {
    assert.equal(userNameKey(' Alice@Contoso.com '), userNameKey('alice@contoso.com'));
    assert.notEqual(userNameKey('alice'), userNameKey('alice2'));
    assert.match(userNameKey('a'.repeat(10_000_000)), /^[A-Za-z0-9_-]{43}$/);
  });
});
