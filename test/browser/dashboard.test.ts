import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchSandbox, type RunningSandbox } from '../../src/cli/sandbox.js';
import { launchBrowser } from '../helpers/browser.js';
import { LogCapture } from '../helpers/log-capture.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }>;
  passes: Array<{ id: string }>;
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is; the violations, one line each. */
async function axe(page: Page): Promise<{ violations: string[]; passed: string[] }> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  )) as AxeResult;
  return {
    violations: result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} at ${JSON.stringify(n.target)}: ${n.failureSummary ?? v.help}`),
    ),
    passed: result.passes.map((p) => p.id),
  };
}

describe('dashboard home page in Chromium (sandbox)', () => {
  let running: RunningSandbox;
  let browser: Browser;
  let page: Page;
  let admin: string;
  const problems: string[] = [];

  before(async () => {
    running = await launchSandbox({ port: 0, dataDir: tempDir(), logDestination: new LogCapture() });
    admin = running.runtime.adminUrl;
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    // Wait until the tenant check has run so the page shows a settled state.
    await waitFor('tenant check', async () => {
      const b = (await (await fetch(`${admin}/readyz`)).json()) as {
        dependencies: Array<{ state: string }>;
      };
      return b.dependencies.length > 0 && b.dependencies.every((c) => c.state === 'ok');
    });
    await page.goto(`${admin}/`);
  });
  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  test('lists the five jobs, each with a state', async () => {
    const rows = page.locator('table.jobs tbody tr');
    assert.equal(await rows.count(), 5);
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-job')));
    assert.deepEqual(ids.sort(), ['accounts', 'graph-security', 'intel', 'phishing', 'relay'].sort());
    for (const state of await page.locator('table.jobs .state').allTextContents())
      assert.ok(state.trim().length > 0);
  });

  test('shows the sandbox badge, the database and the emulated tenant as OK', async () => {
    assert.equal(await page.getByText('Sandbox: emulated services').count(), 1);
    assert.match(await page.locator('tr[data-dependency="database"]').innerText(), /sqlite[\s\S]*OK/);
    assert.match(await page.locator('tr[data-dependency="tenant:sandbox:graph"]').innerText(), /OK/);
  });

  test('shows which instance owns the housekeeping lease', async () => {
    await waitFor('lease row', async () => {
      await page.reload();
      return (await page.locator('tr[data-lease="housekeeping"]').count()) === 1;
    });
    assert.match(await page.locator('tr[data-lease="housekeeping"]').innerText(), /this instance/);
  });

  test('loads its stylesheet and script under the CSP and logs no errors in the console', async () => {
    type Styles = { getComputedStyle(el: unknown): { fontWeight: string } };
    const weight = await page
      .locator('.state-ok')
      .first()
      .evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).fontWeight);
    assert.equal(weight, '600', 'dashboard.css did not apply');
    assert.equal(await page.locator('#refresh').isVisible(), true, 'dashboard.js did not run');
    assert.deepEqual(problems, []);
  });

  test('every table header has a scope and the page has one h1', async () => {
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.locator('th:not([scope])').count(), 0);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`passes axe-core's WCAG 2.1 AA rules, colour contrast included, in the ${scheme} scheme`, async () => {
      // bypassCSP lets axe's injected script run; the page's own CSP is checked above.
      const p = await browser.newPage({ colorScheme: scheme, bypassCSP: true });
      try {
        await p.goto(`${admin}/`);
        const { violations, passed } = await axe(p);
        assert.deepEqual(violations, []);
        assert.ok(passed.includes('color-contrast'), 'the contrast rule ran and passed');
        // The guide a job links to, too.
        await p.goto(`${admin}/docs/phishing.md`);
        assert.deepEqual((await axe(p)).violations, []);
      } finally {
        await p.close();
      }
    });
  }

  test('a dependency shows its name for people, with its id in small print', async () => {
    const th = page.locator('tr[data-dependency="tenant:sandbox:graph"] th');
    assert.match(await th.innerText(), /^Microsoft Graph \(tenant sandbox\)\s+tenant:sandbox:graph$/);
    assert.match(await page.locator('table.leases thead').innerText(), /Times taken/i);
  });

  test('times read as local and relative, with the ISO time kept in datetime and title', async () => {
    const times = await page.locator('time[datetime]').evaluateAll((els) =>
      els.map((el) => ({
        iso: el.getAttribute('datetime') ?? '',
        text: el.textContent ?? '',
        title: el.getAttribute('title') ?? '',
      })),
    );
    assert.ok(times.length >= 2, 'page generated, lease expiry, dependency check');
    for (const t of times) {
      assert.match(t.iso, /^\d{4}-\d\d-\d\dT/);
      assert.match(t.text, /ago|^in |now/, `relative text for ${t.iso}: "${t.text}"`);
      assert.ok(t.title.includes(t.iso), `title of ${t.iso}: "${t.title}"`);
    }
  });

  test('without script the times stay ISO 8601 and no pause control shows', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const p = await context.newPage();
      await p.goto(`${admin}/`);
      const times = await p
        .locator('time[datetime]')
        .evaluateAll((els) => els.map((el) => [el.getAttribute('datetime'), el.textContent]));
      assert.ok(times.length > 0);
      for (const [iso, text] of times) assert.equal(text, iso);
      assert.equal(await p.locator('#refresh').isVisible(), false);
    } finally {
      await context.close();
    }
  });

  test('no meta refresh: the page updates itself every 30 s until the visible pause control is pressed', async () => {
    assert.equal(await page.locator('meta[http-equiv="refresh" i]').count(), 0);
    // Its own context: the pause is kept per tab in sessionStorage, and the clock is the test's.
    const context = await browser.newContext();
    try {
      const p = await context.newPage();
      const updates: string[] = [];
      p.on('request', (r) => {
        if (r.resourceType() === 'fetch' && new URL(r.url()).pathname === '/') updates.push(r.url());
      });
      await p.clock.install();
      await p.goto(`${admin}/`);
      const toggle = p.getByRole('button', { name: 'Pause updates' });
      assert.equal(await toggle.isVisible(), true);
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await p.evaluate(() => {
        (
          globalThis as unknown as { document: { querySelector(s: string): { id: string } } }
        ).document.querySelector('main').id = 'before-update';
      });

      await p.clock.runFor(31_000);
      await waitFor('an update', () => updates.length === 1);
      await waitFor(
        'the new content in place',
        async () => (await p.locator('main#before-update').count()) === 0,
      );

      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      assert.match(await p.locator('#refresh-status').innerText(), /paused/i);
      await p.clock.runFor(95_000);
      // A request of the test's own after the paused minute: an update would have come before it.
      await p.evaluate(() => fetch('/healthz'));
      assert.equal(updates.length, 1, 'no update while paused');

      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await p.clock.runFor(31_000);
      await waitFor('updates again', () => updates.length === 2);
    } finally {
      await context.close();
    }
  });

  test('fits a 375 px wide phone without horizontal page scroll', async () => {
    const p = await browser.newPage({ viewport: { width: 375, height: 800 } });
    try {
      for (const path of ['/', '/docs/configuration.md']) {
        await p.goto(`${admin}${path}`);
        const { scroll, width } = await p.evaluate(() => {
          const root = (
            globalThis as unknown as {
              document: { documentElement: { scrollWidth: number; clientWidth: number } };
            }
          ).document.documentElement;
          return { scroll: root.scrollWidth, width: root.clientWidth };
        });
        assert.ok(scroll <= width, `${path}: page is ${scroll} px wide in a ${width} px viewport`);
      }
      // Fitting is no excuse to break a word: a one-word state such as "Running" stays on one line.
      await p.goto(`${admin}/`);
      const broken = await p
        .locator('.state')
        .evaluateAll((els) =>
          els
            .filter((el) => !el.textContent?.includes(' ') && el.getClientRects().length > 1)
            .map((el) => el.textContent),
        );
      assert.deepEqual(broken, []);
    } finally {
      await p.close();
    }
  });

  test('the Guide link opens the job’s guide from the admin listener', async () => {
    const p = await browser.newPage();
    try {
      await p.goto(`${admin}/`);
      await p.locator('tr[data-job="phishing"] a', { hasText: 'Guide' }).click();
      await p.waitForURL(`${admin}/docs/phishing.md`);
      assert.equal(await p.locator('h1').innerText(), 'Phishing reports → RSA Archer incidents');
      assert.match(await p.locator('main pre').innerText(), /\[phishing\]/);
    } finally {
      await p.close();
    }
  });

  test('the public listener serves none of the operator pages, the admin one none of the relay or webhook', async () => {
    const pub = running.runtime.url;
    assert.notEqual(pub, admin);
    for (const path of [
      '/',
      '/assets/dashboard.css',
      '/assets/dashboard.js',
      '/metrics',
      '/docs/phishing.md',
    ])
      assert.equal((await fetch(`${pub}${path}`)).status, 404, `${path} on the public listener`);
    const ready = await fetch(`${pub}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready' });
    for (const path of ['/relay/graph-security/observe/observables', '/webhooks/graph/mail']) {
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' };
      assert.equal((await fetch(`${admin}${path}`, init)).status, 404, `${path} on the admin listener`);
      assert.notEqual((await fetch(`${pub}${path}`, init)).status, 404, `${path} on the public listener`);
    }
  });
});
