// The break-glass account, idle sessions, the page without any way of signing in, and the purge, on
// both dialects: right and wrong passwords, the login token and origin checks, the throttle's 429.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestEmulator } from '../../emulators/helpers.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import {
  BREAK_GLASS_PASSWORD,
  call,
  cookieFrom,
  type Harness,
  startConsoleEmulator,
  startHarness,
} from './harness.js';

const MIN = 60_000;

for (const dialect of DIALECTS) {
  describe(`console break-glass and sessions on ${dialect}`, () => {
    let db: TestDatabase;
    let t: TestEmulator;
    let h: Harness;
    let shift = 0;
    before(async () => {
      db = await openTestDatabase(dialect);
      t = await startConsoleEmulator();
      h = await startHarness(db.store, t, {
        breakGlass: true,
        throttleMaxFailures: 2,
        clock: () => Date.now() + shift,
      });
    });
    after(async () => {
      await h.close();
      await t.close();
      await db.cleanup();
    });

    /** The sign-in page's login token: its cookie and the form field that must match it. */
    async function loginForm() {
      const page = await call(h, '/sign-in');
      assert.equal(page.status, 200);
      const cookie = String(cookieFrom(page, 'graphsoc-login-token'));
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      assert.equal(cookie.split('=')[1], token);
      return { cookie, token, page };
    }

    test('the page offers both ways; the right password signs in as admin, audited as break-glass', async () => {
      const { cookie, token, page } = await loginForm();
      assert.match(page.text, /Sign in with Microsoft/);
      assert.match(page.text, /Break-glass account/);
      const r = await call(h, '/sign-in/local', {
        cookie,
        form: { _csrf: token, user: 'Break-Glass ', password: BREAK_GLASS_PASSWORD, return: '/private' },
      });
      assert.equal(r.status, 303, r.text);
      assert.equal(r.location, '/private');
      const session = String(cookieFrom(r, 'graphsoc-session'));
      const me = JSON.parse((await call(h, '/private', { cookie: session })).text);
      assert.deepEqual(me, { subject: 'local:break-glass', name: 'break-glass', roles: ['admin'] });
      const [entry] = (await h.auth.audit.list({ action: 'console.sign-in' })).entries;
      assert.equal(entry?.outcome, 'success');
      assert.equal((entry?.detail as { method: string } | undefined)?.method, 'break-glass');
    });

    test('a form without the login token, or from another site, is refused before the password is looked at', async () => {
      const { cookie, token } = await loginForm();
      const form = { _csrf: token, user: 'break-glass', password: BREAK_GLASS_PASSWORD };
      assert.equal((await call(h, '/sign-in/local', { form })).status, 403);
      assert.equal(
        (await call(h, '/sign-in/local', { cookie, form: { ...form, _csrf: 'x'.repeat(43) } })).status,
        403,
      );
      const cross = await call(h, '/sign-in/local', {
        cookie,
        form,
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(cross.status, 403);
      assert.match(cross.text, /GSOC_SESSION_CROSS_SITE/);
    });

    test('wrong passwords fail with 401 and, past the limit for the user name, 429 with Retry-After', async () => {
      const { cookie, token } = await loginForm();
      const attempt = (password: string) =>
        call(h, '/sign-in/local', { cookie, form: { _csrf: token, user: 'break-glass', password } });
      const first = await attempt('wrong one');
      assert.equal(first.status, 401);
      assert.match(first.text, /Wrong user name or password/);
      assert.equal((await attempt('wrong two')).status, 401);
      const third = await attempt(BREAK_GLASS_PASSWORD);
      assert.equal(third.status, 429);
      assert.ok(Number(third.headers['retry-after']) > 0);
      assert.match(third.text, /GSOC_SESSION_THROTTLED/);
      const failures = (await h.auth.audit.list({ action: 'console.sign-in' })).entries.filter(
        (e) => e.outcome === 'failure',
      );
      assert.ok(failures.length >= 3);
      assert.ok(!JSON.stringify(failures).includes('wrong one'), 'no password in the audit log');
      // The window passes (the throttle counts on the injected clock): the right password works again.
      shift += 16 * MIN;
      assert.equal((await attempt(BREAK_GLASS_PASSWORD)).status, 303);
    });

    test('a session unused past the idle timeout sends the browser to sign in, saying why', async () => {
      const { cookie, token } = await loginForm();
      const r = await call(h, '/sign-in/local', {
        cookie,
        form: { _csrf: token, user: 'break-glass', password: BREAK_GLASS_PASSWORD },
      });
      const session = String(cookieFrom(r, 'graphsoc-session'));
      assert.equal((await call(h, '/private', { cookie: session })).status, 200);
      shift += 31 * MIN;
      const gate = await call(h, '/private', { cookie: session });
      assert.equal(gate.status, 303);
      assert.equal(gate.location, '/sign-in?return=%2Fprivate&why=idle');
      assert.match((await call(h, String(gate.location))).text, /not used for a while/);
    });

    test('purge deletes expired flows and sessions', async () => {
      await call(h, '/sign-in/start');
      shift += 11 * MIN;
      const n = await h.auth.purge();
      assert.ok(n.flows >= 1, JSON.stringify(n));
      assert.ok(n.sessions >= 1, JSON.stringify(n));
      await call(h, '/sign-in/start');
      assert.equal((await h.auth.purge()).flows, 0, 'a sign-in under way is kept');
      shift += 11 * MIN;
      assert.equal((await h.auth.purge()).flows, 1);
    });
  });
}

describe('console without any way of signing in', () => {
  let db: TestDatabase;
  let t: TestEmulator;
  let h: Harness;
  before(async () => {
    db = await openTestDatabase('sqlite');
    t = await startConsoleEmulator();
    h = await startHarness(db.store, t, { entra: false });
  });
  after(async () => {
    await h.close();
    await t.close();
    await db.cleanup();
  });

  test('still serves: the sign-in page says how to set sign-in up, and the Entra routes answer 404', async () => {
    const page = await call(h, '/sign-in');
    assert.equal(page.status, 200);
    assert.match(page.text, /Sign-in is not set up/);
    assert.match(page.text, /console\.entra\.tenant/);
    assert.doesNotMatch(page.text, /Sign in with Microsoft/);
    assert.equal((await call(h, '/sign-in/start')).status, 404);
    assert.equal((await call(h, '/sign-in/local', { form: { user: 'x', password: 'y' } })).status, 404);
    assert.deepEqual(h.auth.methods, { entra: false, breakGlass: false });
  });
});
