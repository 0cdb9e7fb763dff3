import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildAdminServer } from '../../src/app/admin-server.js';
import type { DashboardModel } from '../../src/console/model.js';
import { HealthRegistry } from '../../src/platform/health/registry.js';
import { createLogger } from '../../src/platform/log.js';
import { dashboardModel } from '../helpers/dashboard-model.js';
import { LogCapture } from '../helpers/log-capture.js';

async function admin(model: Partial<DashboardModel> = {}) {
  return buildAdminServer({
    logger: createLogger({ level: 'silent', destination: new LogCapture() }),
    health: new HealthRegistry({ everyMs: 60_000 }),
    pingDatabase: async () => {},
    dashboard: async () => dashboardModel(model),
  });
}

async function page(model: Partial<DashboardModel> = {}): Promise<string> {
  const res = await (await admin(model)).inject('/');
  assert.equal(res.statusCode, 200);
  return res.body;
}

/** The markup of one table row, by its data attribute. */
function row(html: string, attr: string): string {
  const start = html.indexOf(attr);
  assert.ok(start >= 0, `no ${attr}`);
  return html.slice(start, html.indexOf('</tr>', start));
}

describe('dashboard page', () => {
  test('a job that is built but turned off says "Disabled in configuration" and which key turns it on', async () => {
    const html = await page({
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
    const r = row(html, 'data-job="relay"');
    assert.match(r, /class="state state-disabled">Disabled in configuration</);
    assert.match(r, /relay\.enabled = true/);
  });

  test('the Guide link points at the guide the admin listener serves', async () => {
    const app = await admin({
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
    const html = (await app.inject('/')).body;
    const href = /<a href="([^"]+)"[^>]*>Guide/.exec(row(html, 'data-job="phishing"'))?.[1];
    assert.equal(href, '/docs/phishing.md');
    const guide = await app.inject(href);
    assert.equal(guide.statusCode, 200);
    assert.match(guide.headers['content-type'] as string, /text\/html/);
    const source = readFileSync(new URL('../../docs/phishing.md', import.meta.url), 'utf8');
    const title = (source.split('\n')[0] ?? '').replace(/^# /, '');
    assert.match(guide.body, new RegExp(`<h1>${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</h1>`));
    assert.ok(guide.body.includes('href="/"'), 'a way back to the dashboard');
  });

  test('a guide is served as escaped text, and only the files of docs/ are guides', async () => {
    const app = await admin();
    const guide = (await app.inject('/docs/configuration.md')).body;
    // configuration.md writes `/relay/<module>/`: markup in a guide never becomes markup on the page.
    assert.match(guide, /<pre[^>]*>/);
    assert.ok(guide.includes('/relay/&lt;module&gt;/'), 'angle brackets are escaped');
    assert.ok(!guide.includes('<module>'));
    for (const url of [
      '/docs/nope.md',
      '/docs/..%2fpackage.json',
      '/docs/%2e%2e/package.json',
      '/docs/../README.md',
      '/docs/phishing.md%00.txt',
      '/docs/PHISHING.md',
    ]) {
      assert.equal((await app.inject(url)).statusCode, 404, url);
    }
  });

  test('no meta refresh: the page loads a script from its own origin, allowed by the CSP', async () => {
    const app = await admin();
    const res = await app.inject('/');
    assert.doesNotMatch(res.body, /http-equiv="refresh"/i);
    assert.match(res.body, /<script src="\/assets\/dashboard\.js" defer><\/script>/);
    assert.match(res.headers['content-security-policy'] as string, /script-src 'self'(;|$)/);
    const js = await app.inject('/assets/dashboard.js');
    assert.equal(js.statusCode, 200);
    assert.match(js.headers['content-type'] as string, /text\/javascript/);
    // Without script the control would do nothing, so it starts hidden and the script shows it.
    assert.match(
      res.body,
      /<div id="refresh" class="refresh" hidden>[\s\S]*<button type="button" id="refresh-toggle"/,
    );
  });

  test('every time is a <time> with its ISO value, which stays the text without script', async () => {
    const html = await page({
      dependencies: [
        { name: 'tenant:contoso:graph', state: 'ok', detail: '', checkedAt: '2026-11-22T10:00:00.000Z' },
      ],
      leases: [
        { name: 'housekeeping', owner: 'i-1', mine: true, epoch: 3, expiresAt: '2026-11-22T10:00:30.000Z' },
      ],
      panels: [
        {
          id: 'p',
          title: 'P',
          columns: ['Report', 'Since'],
          rows: [{ key: '1', cells: ['1', '2026-11-21T08:15:00.000Z'] }],
          empty: '',
        },
      ],
    });
    for (const iso of [
      '2026-11-22T00:00:00.000Z', // generatedAt
      '2026-11-22T10:00:00.000Z',
      '2026-11-22T10:00:30.000Z',
      '2026-11-21T08:15:00.000Z',
    ]) {
      assert.ok(html.includes(`<time datetime="${iso}">${iso}</time>`), `no <time> for ${iso}`);
    }
  });

  test('dependencies and units are named for people, with their ids in small print', async () => {
    const html = await page({
      dependencies: [
        { name: 'tenant:contoso:graph', state: 'ok', detail: '' },
        { name: 'archer', state: 'unknown', detail: '' },
        { name: 'something:new', state: 'ok', detail: '' },
      ],
      leases: [
        { name: 'housekeeping', owner: 'i-1', mine: true, epoch: 3, expiresAt: '2026-11-22T10:00:30.000Z' },
        {
          name: 'phishing:soc@contoso.example',
          owner: 'i-2',
          mine: false,
          epoch: 1,
          expiresAt: '2026-11-22T10:00:30.000Z',
        },
      ],
    });
    const graph = row(html, 'data-dependency="tenant:contoso:graph"');
    assert.match(graph, /Microsoft Graph \(tenant contoso\)/);
    assert.match(graph, /<code>tenant:contoso:graph<\/code>/);
    assert.match(row(html, 'data-dependency="archer"'), /RSA Archer/);
    assert.match(row(html, 'data-dependency="something:new"'), /something:new/);
    assert.match(row(html, 'data-lease="housekeeping"'), /Housekeeping[\s\S]*<code>housekeeping<\/code>/);
    assert.match(
      row(html, 'data-lease="phishing:soc@contoso.example"'),
      /Report mailbox soc@contoso\.example[\s\S]*<code>phishing:soc@contoso\.example<\/code>/,
    );
    assert.match(html, /<th scope="col"[^>]*>Times taken<\/th>/);
    assert.match(html, /class="hint"[^>]*>[^<]*Times taken[^<]*epoch/, 'the lease epoch is explained');
  });
});
