// The accounts pages in Chromium, in the light and the dark scheme: axe-core's WCAG 2.1 AA rules
// find nothing on the requests list, a request with its deny form, the imports page with its upload
// form, an import with its progress bar, the audit log and the expiry page; and hostile names stay
// text.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { LOOPBACK_SESSION_COOKIE } from '../../../src/platform/web-session/index.js';
import { launchBrowser } from '../../helpers/browser.js';
import { type AccountsHarness, accountsHarness } from './harness.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const r = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  )) as { violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> };
  return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${JSON.stringify(n.target)}`));
}

let h: AccountsHarness;
let browser: Browser;
let base: string;
const paths: string[] = [];

before(async () => {
  h = await accountsHarness('sqlite');
  const pending = await h.file({
    address: 'p@stud.example.edu',
    givenName: '<script>alert(1)</script>',
    surname: 'Ævil\u202Etxt.exe 🎉',
  });
  const failed = await h.file({ address: 'f@stud.example.edu', approved: true, decidedBy: 'policy' });
  await h.requests.fail(failed.id, 'upn', 'GSOC_ACCOUNTS_UPN_EXHAUSTED: no free name', 'UPN_EXHAUSTED');
  const admin = await h.c.signIn(['admin']);
  const up = await h.upload(
    '/accounts/imports',
    admin.cookie,
    { _csrf: admin.csrf, template: 'students' },
    {
      name: 'list.csv',
      data: 'email,given_name,surname\na@stud.example.edu,A,B\nbad,C,D\n',
    },
  );
  const importPath = (up.headers.location as string).split('?')[0] as string;
  paths.push(
    '/accounts',
    `/accounts/requests/${pending.id}`,
    `/accounts/requests/${failed.id}`,
    '/accounts/imports',
    importPath,
    '/accounts/audit',
    '/accounts/expiry',
  );
  base = await h.c.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  const sessionId = admin.cookie.split('=')[1] as string;
  cookie = { name: LOOPBACK_SESSION_COOKIE, value: sessionId, url: base };
});
let cookie: { name: string; value: string; url: string };

after(async () => {
  await browser?.close();
  await h?.close();
});

describe('accounts pages in Chromium', () => {
  for (const scheme of ['light', 'dark'] as const)
    test(`axe-core finds no WCAG 2.1 AA violation in the ${scheme} scheme`, async () => {
      const context = await browser.newContext({ colorScheme: scheme, bypassCSP: true });
      await context.addCookies([cookie]);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
      try {
        for (const path of paths) {
          const res = await page.goto(`${base}${path}`);
          assert.equal(res?.status(), 200, path);
          assert.deepEqual(await axe(page), [], path);
        }
        await page.goto(`${base}${paths[1]}`);
        assert.equal(
          await page.locator('main h1').textContent(),
          'Request of <script>alert(1)</script> Ævil\u202Etxt.exe 🎉',
        );
        assert.equal(await page.getByLabel(/^Reason/).count(), 1, 'the reason field has its label');
        await page.goto(`${base}/accounts/imports`);
        assert.equal(await page.getByLabel(/^CSV file/).getAttribute('type'), 'file');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
});
