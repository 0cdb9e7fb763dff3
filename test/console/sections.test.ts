// A feature's section mounted by the console: its pages behind the session, its actions behind the
// session, the origin, the token and the role, each outcome audited, and the flash message shown
// only to whoever took the action.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { ConsoleSection } from '../../src/platform/feature/index.js';
import { CallerError } from '../../src/platform/errors.js';
import { AuditLog } from '../../src/platform/web-session/index.js';
import { type AdminConsole, adminConsole, ORIGIN } from '../helpers/admin-console.js';

const released: string[] = [];

const section: ConsoleSection = {
  nav: [{ path: '/things', title: 'things.nav' }],
  messages: {
    en: { 'things.nav': 'Things', 'things.title': 'All {n} things' },
    de: { 'things.nav': 'Dinge', 'things.title': 'Alle {n} Dinge' },
  },
  pages: [
    {
      path: '/things',
      async render(req) {
        return {
          title: req.t('things.title', { n: 2 }),
          blocks: [
            {
              kind: 'table',
              id: 'things',
              columns: ['Thing', 'Note'],
              rows: ['1', '2'].map((id) => ({
                key: id,
                cells: [`thing ${id}`, { text: '<script>alert(1)</script>\u202Eevil', tone: 'bad' }],
                actions: [{ path: `/things/${id}/release`, label: 'Release', needs: 'report.release' }],
              })),
              empty: 'none',
            },
            {
              kind: 'text',
              id: 'who',
              text: `roles: ${req.user.roles.join(',')}; query: ${req.query.q ?? ''}`,
            },
          ],
        };
      },
    },
  ],
  actions: [
    {
      path: '/things/:id/release',
      needs: 'report.release',
      audit: 'things.thing.release',
      async run(req) {
        if (req.params.id === '2')
          throw new CallerError('GSOC_TEST_NOT_QUARANTINED', 'thing 2 is not quarantined');
        if (req.params.id === '3') throw new Error('database exploded');
        released.push(req.params.id ?? '');
        return { message: `released thing ${req.params.id}`, target: `thing:${req.params.id}` };
      },
    },
  ],
};

const consoles: AdminConsole[] = [];
after(async () => {
  for (const c of consoles) await c.close();
});

async function open() {
  const c = await adminConsole({ sections: [{ feature: 'things', section }] });
  consoles.push(c);
  return c;
}

function post(c: AdminConsole, url: string, cookie: string, form: Record<string, string>, origin = ORIGIN) {
  return c.app.inject({
    method: 'POST',
    url,
    headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
}

describe('console sections', () => {
  test('a section whose overview part fails leaves the overview standing and says which part', async () => {
    const broken: ConsoleSection = {
      ...section,
      async overview() {
        throw new Error('relay_stats is locked');
      },
    };
    const c = await adminConsole({ sections: [{ feature: 'things', section: broken }] });
    consoles.push(c);
    const me = await c.signIn(['viewer']);
    const res = await c.app.inject({ url: '/', headers: { cookie: me.cookie } });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /The things part of the overview could not be read/);
    assert.doesNotMatch(res.body, /relay_stats is locked/, 'the cause is for the log');
  });

  test('a page is rendered in the frame, in the reader’s language, with every value escaped and isolated', async () => {
    const c = await open();
    const me = await c.signIn(['analyst']);
    const res = await c.app.inject({
      url: '/things?q=%3Cb%3E&q=last',
      headers: { cookie: me.cookie, 'accept-language': 'de' },
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<a href="\/things" aria-current="page">Dinge<\/a>/);
    assert.match(res.body, /<h1>Alle 2 Dinge<\/h1>/);
    assert.ok(res.body.includes('<bdi>&lt;script&gt;alert(1)&lt;/script&gt;\u202Eevil</bdi>'));
    assert.ok(!res.body.includes('<script>alert(1)'));
    assert.match(res.body, /roles: analyst; query: last/, 'the last of a repeated parameter');
    assert.match(res.body, /action="\/things\/1\/release"/, 'an analyst sees the button');
  });

  test('a viewer sees no button, and a post of theirs is refused with 403 and audited as denied', async () => {
    const c = await open();
    const me = await c.signIn(['viewer']);
    const page = await c.app.inject({ url: '/things', headers: { cookie: me.cookie } });
    assert.doesNotMatch(page.body, /release"/);
    const res = await post(c, '/things/1/release', me.cookie, { _csrf: me.csrf, return: '/things' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /GSOC_SESSION_FORBIDDEN/);
    const { entries } = await new AuditLog(c.db.store).list({ action: 'things.thing.release' });
    assert.equal(entries[0]?.outcome, 'denied');
    assert.equal(entries[0]?.actor?.subject, me.subject);
    assert.ok(!released.includes('1') || released.length === 0);
  });

  test('without the token, from another origin or without a session, nothing runs', async () => {
    const c = await open();
    const me = await c.signIn(['admin']);
    const before = released.length;
    assert.equal((await post(c, '/things/1/release', me.cookie, { return: '/things' })).statusCode, 403);
    assert.equal((await post(c, '/things/1/release', me.cookie, { _csrf: 'x'.repeat(43) })).statusCode, 403);
    assert.equal(
      (await post(c, '/things/1/release', me.cookie, { _csrf: me.csrf }, 'https://evil.example')).statusCode,
      403,
    );
    assert.equal(
      (await post(c, '/things/1/release', 'graphsoc-session=gone', { _csrf: me.csrf })).statusCode,
      401,
    );
    assert.equal(released.length, before);
  });

  test('an action runs, is audited, and its message is shown once back on the page, only to its author', async () => {
    const c = await open();
    const me = await c.signIn(['analyst'], 'Ana Lyst');
    const res = await post(c, '/things/1/release', me.cookie, { _csrf: me.csrf, return: '/things?q=x' });
    assert.equal(res.statusCode, 303);
    const location = res.headers.location as string;
    assert.match(location, /^\/things\?q=x&flash=\d+$/);
    assert.ok(released.includes('1'));
    const back = await c.app.inject({ url: location, headers: { cookie: me.cookie } });
    assert.match(
      back.body,
      /<p class="notice ok" role="status" data-flash><bdi>released thing 1<\/bdi><\/p>/,
    );
    const other = await c.signIn(['admin']);
    const theirs = await c.app.inject({ url: location, headers: { cookie: other.cookie } });
    assert.doesNotMatch(theirs.body, /data-flash/, 'someone else’s entry is not a flash for me');
    const [entry] = (await new AuditLog(c.db.store).list({ action: 'things.thing.release' })).entries;
    assert.equal(entry?.outcome, 'success');
    assert.equal(entry?.target, 'thing:1');
    assert.equal(entry?.actor?.name, 'Ana Lyst');
  });

  test('a refusal the person should read comes back as a flash; our failure is an error page; both are audited', async () => {
    const c = await open();
    const me = await c.signIn(['analyst']);
    const refused = await post(c, '/things/2/release', me.cookie, { _csrf: me.csrf, return: '/things' });
    assert.equal(refused.statusCode, 303);
    const back = await c.app.inject({
      url: refused.headers.location as string,
      headers: { cookie: me.cookie },
    });
    assert.match(back.body, /class="notice bad"[^>]*><bdi>thing 2 is not quarantined/);
    const failed = await post(c, '/things/3/release', me.cookie, { _csrf: me.csrf });
    assert.equal(failed.statusCode, 500);
    assert.doesNotMatch(failed.body, /database exploded/, 'an internal message stays in the log');
    const outcomes = (await new AuditLog(c.db.store).list({ action: 'things.thing.release' })).entries.map(
      (e) => e.outcome,
    );
    assert.deepEqual(outcomes, ['failure', 'failure']);
  });
});
