import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchSandbox, type RunningSandbox } from '../../src/cli/sandbox.js';
import { launchBrowser } from '../helpers/browser.js';
import { LogCapture } from '../helpers/log-capture.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

describe('dashboard home page in Chromium (sandbox)', () => {
  let running: RunningSandbox;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    running = await launchSandbox({ port: 0, dataDir: tempDir(), logDestination: new LogCapture() });
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    // Wait until the tenant check has run so the page shows a settled state.
    await waitFor('tenant check', async () => {
      const b = (await (await fetch(`${running.runtime.url}/readyz`)).json()) as {
        dependencies: Array<{ state: string }>;
      };
      return b.dependencies.length > 0 && b.dependencies.every((c) => c.state === 'ok');
    });
    await page.goto(`${running.runtime.url}/`);
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

  test('loads its stylesheet under the CSP and logs no errors in the console', async () => {
    type Styles = { getComputedStyle(el: unknown): { fontWeight: string } };
    const weight = await page
      .locator('.state-ok')
      .first()
      .evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).fontWeight);
    assert.equal(weight, '600', 'dashboard.css did not apply');
    assert.deepEqual(problems, []);
  });

  test('every table header has a scope and the page has one h1', async () => {
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.locator('th:not([scope])').count(), 0);
  });
});
