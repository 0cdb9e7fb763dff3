// The console's own pages over the admin listener: overview, platform, guides, the frame, language
// and theme, and what the page shows without script.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import type { DashboardModel } from '../../src/console/model.js';
import { type AdminConsole, adminConsole, ORIGIN } from '../helpers/admin-console.js';

const consoles: AdminConsole[] = [];
after(async () => {
  for (const c of consoles) await c.close();
});

async function open(model: Partial<DashboardModel> = {}) {
  const c = await adminConsole({ model });
  consoles.push(c);
  const me = await c.signIn(['viewer'], 'Vera Viewer');
  const get = (url: string, headers: Record<string, string> = {}) =>
    c.app.inject({ url, headers: { cookie: me.cookie, ...headers } });
  return { c, me, get };
}

/** The markup of one table row, by its data attribute. */
function row(html: string, attr: string): string {
  const start = html.indexOf(attr);
  assert.ok(start >= 0, `no ${attr}`);
  return html.slice(start, html.indexOf('</tr>', start));
}

describe('console pages', () => {
  test('a job that is built but turned off says "Disabled in configuration" and which key turns it on', async () => {
    const { get } = await open({
      jobs: [
        {
          id: 'relay',
          title: 'Threat Response relay',
          purpose: 'p',
          state: 'disabled',
          detail: 'Set relay.enabled = true in the configuration to run it.',
        },
      ],
    });
    const r = row((await get('/')).body, 'data-row="relay"');
    assert.match(r, /class="badge tone-muted"><bdi>Disabled in configuration</);
    assert.match(r, /relay\.enabled = true/);
  });

  test('the Guide link points at the guide the admin listener serves, behind the sign-in', async () => {
    const { c, get } = await open({
      jobs: [
        {
          id: 'phishing',
          title: 'Phishing',
          purpose: 'p',
          state: 'running',
          detail: '',
          docs: 'docs/phishing.md',
        },
      ],
    });
    const href = /<a href="([^"]+)"><bdi>Guide/.exec(row((await get('/')).body, 'data-row="phishing"'))?.[1];
    assert.equal(href, '/docs/phishing.md');
    const guide = await get(href);
    assert.equal(guide.statusCode, 200);
    const source = readFileSync(new URL('../../docs/phishing.md', import.meta.url), 'utf8');
    const title = (source.split('\n')[0] ?? '').replace(/^# /, '');
    assert.ok(guide.body.includes(`<h1>${title}</h1>`));
    assert.equal((await c.app.inject(href)).statusCode, 303, 'not without a session');
  });

  test('a guide is served as escaped text, and only the files of docs/ are guides', async () => {
    const { get } = await open();
    const guide = (await get('/docs/configuration.md')).body;
    assert.ok(guide.includes('/relay/&lt;module&gt;/'), 'angle brackets are escaped');
    for (const url of [
      '/docs/nope.md',
      '/docs/..%2fpackage.json',
      '/docs/%2e%2e/package.json',
      '/docs/../README.md',
      '/docs/PHISHING.md',
    ])
      assert.equal((await get(url)).statusCode, 404, url);
  });

  test('no meta refresh: the page loads its script from its own origin, allowed by the CSP; the refresh control starts hidden', async () => {
    const { get } = await open();
    const res = await get('/');
    assert.doesNotMatch(res.body, /http-equiv="refresh"/i);
    assert.match(res.body, /<script src="\/assets\/console\.js" defer><\/script>/);
    assert.match(res.headers['content-security-policy'] as string, /script-src 'self'(;|$)/);
    assert.match(
      res.body,
      /<span id="refresh" class="refresh" hidden[^>]*>\s*<button type="button" id="refresh-toggle"/,
    );
    const js = await get('/assets/console.js');
    assert.match(js.headers['content-type'] as string, /text\/javascript/);
    const css = await get('/assets/console.css');
    assert.match(css.body, /light-dark\(/);
    assert.match(css.body, /\.series-0/, 'the charts’ colours come with the page’s');
    assert.match(res.headers['server-timing'] as string, /^app;dur=\d+(\.\d)?$/);
  });

  test('every time is a <time> with its ISO value; without script the text is the UTC time in the language', async () => {
    const { get } = await open({
      dependencies: [
        { name: 'tenant:contoso:graph', state: 'ok', detail: '', checkedAt: '2026-11-22T10:00:00.000Z' },
      ],
      leases: [
        { name: 'housekeeping', owner: 'i-1', mine: true, epoch: 3, expiresAt: '2026-11-22T10:00:30.000Z' },
      ],
    });
    const html = (await get('/platform')).body;
    assert.match(html, /<time datetime="2026-11-22T10:00:00.000Z">22 Nov 2026, 10:00 UTC<\/time>/);
    assert.match(html, /<time datetime="2026-11-22T10:00:30.000Z">/);
    const de = (await get('/platform', { 'accept-language': 'de-DE,de;q=0.9' })).body;
    assert.match(de, /<time datetime="2026-11-22T10:00:00.000Z">22\.11\.2026, 10:00 UTC<\/time>/);
  });

  test('dependencies and units are named for people, with their ids in small print', async () => {
    const { get } = await open({
      dependencies: [
        { name: 'tenant:contoso:graph', state: 'ok', detail: '' },
        { name: 'archer', state: 'unknown', detail: '' },
      ],
      leases: [
        {
          name: 'phishing:soc@contoso.example',
          owner: 'i-2',
          mine: false,
          epoch: 1,
          expiresAt: '2026-11-22T10:00:30.000Z',
        },
      ],
    });
    const html = (await get('/platform')).body;
    assert.match(
      row(html, 'data-row="tenant:contoso:graph"'),
      /Microsoft Graph \(tenant contoso\)[\s\S]*<code><bdi>tenant:contoso:graph/,
    );
    assert.match(row(html, 'data-row="archer"'), /RSA Archer[\s\S]*Not checked yet/);
    assert.match(row(html, 'data-row="phishing:soc@contoso.example"'), /Report mailbox soc@contoso\.example/);
    assert.match(html, /<th scope="col">Times taken<\/th>/);
  });

  test('a failing dependency is listed first under "Needs a person" on the overview', async () => {
    const { get } = await open({
      dependencies: [{ name: 'archer', state: 'failing', detail: 'GSOC_ARCHER_LOGIN_FAILED: bad password' }],
    });
    const html = (await get('/')).body;
    const attention = html.slice(html.indexOf('data-block="attention"'), html.indexOf('data-block="jobs"'));
    assert.match(
      row(attention, 'data-row="0"'),
      /href="\/platform"><bdi>RSA Archer: GSOC_ARCHER_LOGIN_FAILED: bad password/,
    );
  });

  test('German by the browser or by choice; the choice is a form that works without script and needs the token', async () => {
    const { c, me, get } = await open({
      jobs: [
        {
          id: 'relay',
          title: 'Threat Response relay',
          purpose: 'Serves the relay protocol.',
          translations: { de: { title: 'Threat-Response-Relay', purpose: 'Bedient das Relay-Protokoll.' } },
          state: 'running',
          detail: '',
        },
      ],
    });
    const german = (await get('/', { 'accept-language': 'de' })).body;
    assert.match(german, /<html lang="de">[\s\S]*<h1>Übersicht<\/h1>/);
    assert.match(
      row(german, 'data-row="relay"'),
      /Threat-Response-Relay[\s\S]*Bedient das Relay-Protokoll\.[\s\S]*Läuft/,
    );
    assert.match(
      row((await get('/')).body, 'data-row="relay"'),
      /Threat Response relay[\s\S]*Serves the relay protocol\./,
    );
    const refused = await c.app.inject({
      method: 'POST',
      url: '/preferences',
      headers: { cookie: me.cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'lang=de&theme=dark&return=/platform',
    });
    assert.equal(refused.statusCode, 403, 'no token, no change');
    const res = await c.app.inject({
      method: 'POST',
      url: '/preferences',
      headers: { cookie: me.cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${me.csrf}&lang=de&theme=dark&return=//evil.example/`,
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/', 'a return path to another host is dropped');
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] as string[]);
    const jar = cookies.map((x) => x.split(';')[0]).join('; ');
    const page = (await get('/', { cookie: `${me.cookie}; ${jar}` })).body;
    assert.match(page, /<html lang="de" data-theme="dark">/);
    assert.match(page, /Angemeldet als Vera Viewer \(Betrachter\)/);
  });

  test('the audit log is for admins: a viewer is refused and does not see it in the navigation', async () => {
    const { c, get } = await open();
    const viewer = await get('/audit');
    assert.equal(viewer.statusCode, 403);
    assert.doesNotMatch((await get('/')).body, /href="\/audit"/);
    const admin = await c.signIn(['admin']);
    const page = await c.app.inject({ url: '/audit', headers: { cookie: admin.cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /href="\/audit" aria-current="page"/);
  });

  test('an unknown session is sent to sign in, with where it was going', async () => {
    const { c } = await open();
    const res = await c.app.inject({ url: '/platform?x=1', headers: { cookie: 'graphsoc-session=nope' } });
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/sign-in\?.*return=%2Fplatform%3Fx%3D1/);
  });
});
