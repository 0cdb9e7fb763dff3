// The accounts portal in Chromium (pages without script): start → the code from the emulator's outbox → the
// request page with a preview → a filed request's status page, each page held to axe-core's WCAG 2.1
// A/AA rules, in English and German, with hostile names on the page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { lastCode, type Portal, startPortal } from '../accounts/portal/harness.js';
import { launchBrowser } from '../helpers/browser.js';
import { listenLoopback } from '../helpers/listen.js';
import { axe } from './console-harness.js';

describe('accounts portal in Chromium', () => {
  let p: Portal;
  let base = '';
  let browser: Browser;
  before(async () => {
    p = await startPortal({ publicUrl: () => base });
    base = await listenLoopback(p.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
  });

  async function clean(page: Page, what: string): Promise<void> {
    // No page has a script of its own: axe, injected below, is the only one.
    assert.equal(await page.locator('script').count(), 0, `${what} has a script`);
    const { violations } = await axe(page);
    assert.deepEqual(violations, [], what);
  }

  for (const locale of ['en', 'de'] as const)
    test(`every page of the flow passes axe-core and has no script (${locale})`, async () => {
      // axe needs script and an exemption from the pages' CSP (default-src 'none'); the pages need neither.
      const context = await browser.newContext({ bypassCSP: true, locale });
      const page = await context.newPage();
      try {
        await page.goto(`${base}/accounts`);
        assert.equal(await page.getAttribute('html', 'lang'), locale);
        await clean(page, 'start page');
        const address = `chromium.${locale}@stud.example.edu`;
        await page.fill('#address', address);
        await page.click('button[type=submit]');
        await page.waitForURL(/\/accounts\/verify\//);
        await clean(page, 'verify page');
        const mailed = lastCode(p, address);
        await page.fill('#code', mailed.code);
        await page.click('button[type=submit]');
        await page.waitForURL(/\/accounts\/request$/);
        await clean(page, 'request page');
        await page.fill('#given', '<script>window.__pwned=1</script>');
        await page.fill('#surname', 'Müller \u202Eevil 😀');
        await page.click('button[value=preview]');
        await page.waitForSelector('.preview');
        await clean(page, 'request page with preview');
        assert.equal(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned), undefined);
        await page.check('input[name=consent]');
        await page.click('button[value=submit]');
        await page.waitForURL(/\/accounts\/status\//);
        await clean(page, 'status page');
        assert.equal(
          (await page.locator('td').first().textContent())?.includes('Student account <2027>'),
          true,
        );
        await page.goto(`${base}/accounts/nowhere`);
        await clean(page, 'not-found page');
        assert.ok(mailed.link);
        await page.goto(mailed.link);
        await clean(page, 'link page (used: the notice)');
      } finally {
        await context.close();
      }
    });
});
