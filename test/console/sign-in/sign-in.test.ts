// The console's sign-in over real HTTP against the Entra emulator, on both dialects: a whole sign-in
// and the gate, forged and replayed states, Entra's error reply, a person without a role, roles by
// group, the return path, break-glass with its throttle, sign-out here and everywhere, idle sessions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import type { TestEmulator } from '../../emulators/helpers.js';
import { signInConsole } from '../../helpers/console-sign-in.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import {
  ADMIN,
  ANALYSTS_GROUP,
  call,
  cookieFrom,
  GRACE,
  type Harness,
  NOBODY,
  startConsoleEmulator,
  startHarness,
  VIEWER,
} from './harness.js';

/** /sign-in/start, then Entra: the callback path with its query, and the browser's flow cookie. */
async function toCallback(h: Harness, t: TestEmulator, hint: string, returnPath?: string) {
  const q = new URLSearchParams({ login_hint: hint, ...(returnPath ? { return: returnPath } : {}) });
  const start = await call(h, `/sign-in/start?${q}`);
  assert.equal(start.status, 302, start.text);
  const flowCookie = cookieFrom(start, 'graphsoc-sign-in-flow');
  assert.ok(flowCookie);
  const res = await request(String(start.location), { dispatcher: t.agent });
  await res.body.text();
  const back = new URL(String(res.headers.location));
  return {
    callback: `${back.pathname}${back.search}`,
    flowCookie,
    authorize: new URL(String(start.location)),
  };
}

for (const dialect of DIALECTS) {
  describe(`console sign-in on ${dialect}`, () => {
    let db: TestDatabase;
    let t: TestEmulator;
    let h: Harness;
    before(async () => {
      db = await openTestDatabase(dialect);
      t = await startConsoleEmulator();
      h = await startHarness(db.store, t, { groups: { [ANALYSTS_GROUP]: 'analyst' } });
    });
    after(async () => {
      await h.close();
      await t.close();
      await db.cleanup();
    });

    const audits = async (action = 'console.sign-in') => (await h.auth.audit.list({ action })).entries;

    test('a page without a session sends the browser to sign in, and back to it once signed in as an admin', async () => {
      const gate = await call(h, '/private?tab=1');
      assert.equal(gate.status, 303);
      assert.equal(gate.location, '/sign-in?return=%2Fprivate%3Ftab%3D1&why=required');
      const page = await call(h, String(gate.location));
      assert.equal(page.status, 200);
      assert.match(page.text, /<html lang="en">/);
      assert.match(page.text, /href="\/sign-in\/start\?return=%2Fprivate%3Ftab%3D1"/);
      assert.match(page.text, /Sign in with Microsoft/);
      const s = await signInConsole(h.url, ADMIN.upn, { ca: t.em.caPem, returnPath: '/private?tab=1' });
      assert.equal(s.location, '/private?tab=1');
      assert.match(s.cookie, /^graphsoc-session=/, 'plain-HTTP loopback mode: no __Host- prefix');
      assert.ok(s.csrfToken);
      const me = await call(h, '/private', { cookie: s.cookie });
      assert.equal(me.status, 200);
      assert.deepEqual(JSON.parse(me.text), { subject: ADMIN.id, name: 'ada.admin', roles: ['admin'] });
      const [entry] = await audits();
      assert.equal(entry?.outcome, 'success');
      assert.equal(entry?.actor?.subject, ADMIN.id);
      assert.equal(entry?.ip, '127.0.0.1');
      assert.deepEqual((entry?.detail as { roles: string[] } | undefined)?.roles, ['admin']);
    });

    test('the authorize request carries PKCE S256, a nonce, the state of the flow cookie and the callback', async () => {
      const { authorize, flowCookie } = await toCallback(h, t, VIEWER.upn);
      const q = authorize.searchParams;
      assert.equal(q.get('redirect_uri'), `${h.url}/sign-in/callback`);
      assert.equal(q.get('code_challenge_method'), 'S256');
      assert.ok(q.get('nonce'));
      assert.equal(flowCookie.split('=')[1], q.get('state'));
    });

    test('a viewer gets the viewer role; a person only in a mapped group gets that group’s role', async () => {
      const v = await signInConsole(h.url, VIEWER.upn, { ca: t.em.caPem });
      assert.deepEqual(JSON.parse((await call(h, '/private', { cookie: v.cookie })).text).roles, ['viewer']);
      const g = await signInConsole(h.url, GRACE.upn, { ca: t.em.caPem });
      assert.deepEqual(JSON.parse((await call(h, '/private', { cookie: g.cookie })).text).roles, ['analyst']);
    });

    test('a person without any role is refused with 403, told about app roles, and the refusal is audited', async () => {
      const { callback, flowCookie } = await toCallback(h, t, NOBODY.upn);
      const r = await call(h, callback, { cookie: flowCookie });
      assert.equal(r.status, 403);
      assert.match(r.text, /no role in the console/);
      assert.match(r.text, /GSOC_SIGNIN_NO_ROLE/);
      assert.equal(cookieFrom(r, 'graphsoc-session'), undefined);
      const [entry] = await audits();
      assert.equal(entry?.outcome, 'denied');
      assert.equal(entry?.actor?.subject, NOBODY.id);
    });

    test('a forged state is refused: without the flow cookie, and with a cookie naming a state never issued', async () => {
      const { callback } = await toCallback(h, t, ADMIN.upn);
      const noCookie = await call(h, callback);
      assert.equal(noCookie.status, 400);
      assert.match(noCookie.text, /GSOC_CONSOLE_SIGNIN_FLOW_INVALID/);
      const forged = 'f'.repeat(43);
      const code = new URL(callback, h.url).searchParams.get('code') ?? '';
      const r = await call(h, `/sign-in/callback?code=${encodeURIComponent(code)}&state=${forged}`, {
        cookie: `graphsoc-sign-in-flow=${forged}`,
      });
      assert.equal(r.status, 400);
      assert.match(r.text, /started in another browser/);
      const [entry] = await audits();
      assert.equal(entry?.outcome, 'failure');
      assert.equal((entry?.detail as { code: string } | undefined)?.code, 'GSOC_CONSOLE_SIGNIN_FLOW_INVALID');
    });

    test('a replayed state is refused: the flow is taken by the first answer', async () => {
      const { callback, flowCookie } = await toCallback(h, t, ADMIN.upn);
      assert.equal((await call(h, callback, { cookie: flowCookie })).status, 303);
      const again = await call(h, callback, { cookie: flowCookie });
      assert.equal(again.status, 400);
      assert.match(again.text, /GSOC_CONSOLE_SIGNIN_FLOW_INVALID/);
    });

    test('Entra’s error reply is shown with its AADSTS meaning and audited; the flow is used up', async () => {
      t.em.setSignIn({ autoApproveLoginHint: false });
      try {
        const start = await call(h, '/sign-in/start');
        const flowCookie = String(cookieFrom(start, 'graphsoc-sign-in-flow'));
        const page = await request(String(start.location), { dispatcher: t.agent });
        const html = await page.body.text();
        const flowToken = /name="flowToken" value="([^"]*)"/.exec(html)?.[1] ?? '';
        const cancel = await request(
          new URL(`/${new URL(String(start.location)).pathname.split('/')[1]}/login`, String(start.location)),
          {
            method: 'POST',
            dispatcher: t.agent,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ flowToken, action: 'cancel' }).toString(),
          },
        );
        await cancel.body.text();
        const back = new URL(String(cancel.headers.location));
        assert.equal(back.searchParams.get('error'), 'access_denied');
        const r = await call(h, `${back.pathname}${back.search}`, { cookie: flowCookie });
        assert.equal(r.status, 400);
        assert.match(r.text, /cancelled at Microsoft/);
        assert.match(r.text, /GSOC_SIGNIN_DECLINED/);
        const [entry] = await audits();
        assert.equal(entry?.outcome, 'failure');
        assert.equal((entry?.detail as { aadsts: string } | undefined)?.aadsts, 'AADSTS65004');
        const state = back.searchParams.get('state') ?? '';
        const replay = await call(h, `/sign-in/callback?code=x&state=${state}`, { cookie: flowCookie });
        assert.equal(replay.status, 400);
      } finally {
        t.em.setSignIn({ autoApproveLoginHint: true });
      }
    });

    test('a return path to another site is refused: the browser lands on the console’s home', async () => {
      for (const bad of [
        '//evil.example/x',
        'https://evil.example/',
        '/\\evil.example',
        '/%0a/evil',
        '/sign-in/callback',
      ]) {
        const s = await signInConsole(h.url, ADMIN.upn, { ca: t.em.caPem, returnPath: bad });
        assert.equal(s.location, bad === '/%0a/evil' ? '/%0a/evil' : '/', bad);
      }
    });

    test('sign-out needs the session’s token, then ends the session; sign-out everywhere ends every one of the person', async () => {
      const a = await signInConsole(h.url, VIEWER.upn, { ca: t.em.caPem });
      const b = await signInConsole(h.url, VIEWER.upn, { ca: t.em.caPem });
      const c = await signInConsole(h.url, VIEWER.upn, { ca: t.em.caPem });
      const refused = await call(h, '/sign-out', { cookie: a.cookie, form: { _csrf: 'wrong' } });
      assert.equal(refused.status, 403);
      assert.match(refused.text, /GSOC_SESSION_CSRF_INVALID/);
      const crossSite = await call(h, '/sign-out', {
        cookie: a.cookie,
        form: { _csrf: String(a.csrfToken) },
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(crossSite.status, 403);
      assert.equal((await call(h, '/private', { cookie: a.cookie })).status, 200);
      const out = await call(h, '/sign-out', { cookie: a.cookie, form: { _csrf: String(a.csrfToken) } });
      assert.equal(out.status, 303);
      assert.equal(out.location, '/sign-in?why=signed-out');
      assert.match(out.setCookies.join(), /graphsoc-session=;.*Max-Age=0/);
      assert.equal((await call(h, '/private', { cookie: a.cookie })).status, 303);
      assert.equal((await call(h, '/private', { cookie: b.cookie })).status, 200);
      const live = (await h.auth.sessions.list(VIEWER.id)).length;
      assert.ok(live >= 2);
      const all = await call(h, '/sign-out/everywhere', {
        cookie: b.cookie,
        form: { _csrf: String(b.csrfToken) },
      });
      assert.equal(all.status, 303);
      assert.equal((await call(h, '/private', { cookie: b.cookie })).status, 303);
      assert.equal((await call(h, '/private', { cookie: c.cookie })).status, 303);
      const [entry] = await audits('console.sign-out-everywhere');
      assert.deepEqual(entry?.detail, { sessionsEnded: live });
      assert.deepEqual(await h.auth.sessions.list(VIEWER.id), []);
      assert.match((await call(h, String(all.location))).text, /signed out on every device/);
    });

    test('postSession checks origin and token for the console’s own actions', async () => {
      const s = await signInConsole(h.url, ADMIN.upn, { ca: t.em.caPem });
      assert.equal(
        (await call(h, '/act', { cookie: s.cookie, form: { _csrf: String(s.csrfToken) } })).status,
        200,
      );
      assert.equal((await call(h, '/act', { cookie: s.cookie, form: {} })).status, 403);
      const viaHeader = await call(h, '/act', {
        cookie: s.cookie,
        form: {},
        headers: { 'x-csrf-token': String(s.csrfToken) },
      });
      assert.equal(viaHeader.status, 200);
      assert.equal((await call(h, '/act', { form: { _csrf: String(s.csrfToken) } })).status, 401);
    });

    test('the sign-in page speaks German to a German browser', async () => {
      const r = await call(h, '/sign-in?why=expired', {
        headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' },
      });
      assert.match(r.text, /<html lang="de">/);
      assert.match(r.text, /Mit Microsoft anmelden/);
      assert.match(r.text, /Höchstdauer/);
      assert.equal(r.headers['cache-control'], 'no-store');
    });
  });
}
