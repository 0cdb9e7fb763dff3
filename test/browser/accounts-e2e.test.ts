// The accounts portal end to end in Chromium, on the sandbox (graphsoc as `graphsoc sandbox` runs it,
// the emulated tenant over HTTPS): a person asks for an account, reads the code from the emulated
// outbox, files the request; an administrator signed in through the emulated Entra page approves it;
// the provisioning unit makes the account with its licence and group; the person sees their first
// credential once. Then a bulk import through the console's upload form while the emulated Graph
// fails some user creations, licence assignments and group additions: every row ends done, with one
// account per address, no orphan and no duplicate.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { AccountRequests } from '../../src/accounts/store/requests.js';
import { SANDBOX_ACCOUNTS } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { type Harness, startHarness } from './console-harness.js';

const DOMAIN = SANDBOX_ACCOUNTS.eligibleDomain;

describe('accounts portal end to end (sandbox, Chromium)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  const emu = () => h.running.sandbox.emulators.entraGraph;
  const tenantId = () => h.running.sandbox.tenant.tenantId;

  function mailsTo(to: string): string[] {
    return emu()
      .sentMail(tenantId())
      .filter((m) => JSON.stringify(m.message.toRecipients ?? []).includes(to))
      .map((m) => String((m.message.body as { content?: string } | undefined)?.content ?? ''));
  }

  /** The newest code mailed to `to` after `before` mails had been sent to it. */
  async function codeFor(to: string, before: number): Promise<string> {
    return waitFor(`a code mailed to ${to}`, () => {
      const mails = mailsTo(to);
      if (mails.length <= before) return false;
      return /<bdi>(\d{6})<\/bdi>/.exec(mails.at(-1) ?? '')?.[1];
    });
  }

  const usersWith = (address: string) =>
    emu()
      .directoryUsers(tenantId())
      .filter((u) => JSON.stringify(u.otherMails ?? []).includes(address));

  async function approveInConsole(page: Page, address: string): Promise<void> {
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${h.admin}/accounts?state=pending`);
    const row = page.locator('tr', { hasText: address });
    await row.locator('a').first().click();
    await page.waitForURL(/\/accounts\/requests\//);
    await page.locator('button', { hasText: /^Approve$/ }).click();
    await page.waitForURL(/flash=/);
  }

  test('request → code from the outbox → admin approval → account with licence and group → credential once', async () => {
    const address = `ada.lovelace@${DOMAIN}`;
    const person = await h.browser.newContext({ ignoreHTTPSErrors: true, locale: 'en' });
    const page = await person.newPage();
    try {
      await page.goto(`${h.running.runtime.url}/accounts`);
      await page.fill('#address', address);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/accounts\/verify\//);
      await page.fill('#code', await codeFor(address, 0));
      await page.click('button[type=submit]');
      await page.waitForURL(/\/accounts\/request$/);
      await page.fill('#given', 'Ada');
      await page.fill('#surname', 'Lovelace');
      await page.check('input[name=consent]');
      await page.click('button[value=submit]');
      await page.waitForURL(/\/accounts\/status\//);
      const statusUrl = page.url();
      assert.match((await page.locator('main').textContent()) ?? '', /Student account/);
      assert.equal(usersWith(address).length, 0, 'nothing is created before approval');

      const { page: console } = await h.signedIn('admin');
      await approveInConsole(console, address);

      await waitFor('the account created', () => usersWith(address).length === 1, { timeoutMs: 60_000 });
      const user = usersWith(address)[0] as { id: string; userPrincipalName: string; usageLocation?: string };
      assert.equal(user.userPrincipalName, `ada.lovelace@${h.running.sandbox.tenant.domain}`);
      assert.equal(user.usageLocation, 'DE');
      await waitFor(
        'the request done in the console',
        async () => {
          await console.reload();
          return /\bdone\b/i.test((await console.locator('main').textContent()) ?? '');
        },
        { timeoutMs: 60_000, everyMs: 1000 },
      );
      assert.deepEqual(emu().userLicenses(tenantId(), user.id), [SANDBOX_ACCOUNTS.skuId]);
      const students = emu()
        .directoryGroups(tenantId())
        .find((g) => g.id === SANDBOX_ACCOUNTS.groups.students);
      assert.ok(students?.members.includes(user.id), 'the template group holds the user');

      // The ready mail carries a new status link under the public URL, and no secret.
      const ready = await waitFor('the ready mail', () =>
        mailsTo(address).find((m) => m.includes(`ada.lovelace@${h.running.sandbox.tenant.domain}`)),
      );
      const readyLink = /href="([^"]+\/accounts\/status\/[^"]+)"/.exec(ready)?.[1] ?? '';
      assert.ok(readyLink.startsWith(`${h.running.runtime.url}/accounts/status/`), readyLink);

      // The first credential: behind the status link and a fresh code, shown once.
      await page.goto(statusUrl);
      const sent = mailsTo(address).length;
      await page.locator('form[action*="credential"] button[type=submit]').click();
      await page.fill('#code', await codeFor(address, sent));
      await page.click('button[type=submit]');
      const pass = await page.locator('.secret').textContent();
      assert.ok(pass && pass.trim().length >= 8, 'a Temporary Access Pass is shown');
      assert.ok(emu().temporaryAccessPass(tenantId(), user.id), 'the pass was made in the directory');
      assert.ok(!mailsTo(address).some((m) => m.includes(pass.trim())), 'the pass is never mailed');
      await page.goto(statusUrl);
      assert.equal(await page.locator('form[action*="credential"]').count(), 0, 'offered once only');
    } finally {
      await person.close();
    }
  });

  test('bulk import through the upload form under injected Graph failures: every row done, one account each', async () => {
    const rows = 25;
    const csv = ['email,given_name,surname'];
    for (let i = 0; i < rows; i++) csv.push(`bulk${i}@${DOMAIN},Bulk,Person${String.fromCharCode(65 + i)}`);
    const file = join(tempDir(), 'students.csv');
    writeFileSync(file, `${csv.join('\r\n')}\r\n`);
    // Every third user creation, licence assignment and group addition fails with a 503 or a 429.
    const t = tenantId();
    const faults = [
      emu().addFault({ tenantId: t, method: 'POST', pathRegex: '/users$', status: 503, everyNth: 3 }),
      emu().addFault({
        tenantId: t,
        method: 'POST',
        pathRegex: 'assignLicense$',
        status: 429,
        retryAfterSec: 1,
        everyNth: 3,
      }),
      emu().addFault({
        tenantId: t,
        method: 'POST',
        pathRegex: '/members/\\$ref$',
        status: 503,
        everyNth: 3,
      }),
    ];
    const { page } = await h.signedIn('admin');
    let importId = 0;
    try {
      await page.goto(`${h.admin}/accounts/imports`);
      await page.setInputFiles('input[type=file]', file);
      await page.locator('form[enctype="multipart/form-data"] button[type=submit]').click();
      await page.waitForURL(/\/accounts\/imports\/\d+/);
      importId = Number(/\/accounts\/imports\/(\d+)/.exec(page.url())?.[1]);
      assert.equal(await page.locator('progress').count(), 1, 'the import shows a progress bar');
      await waitFor(
        'every imported row provisioned',
        async () => {
          await page.reload();
          const max = Number(await page.locator('progress').getAttribute('max'));
          const value = Number(await page.locator('progress').getAttribute('value'));
          return max === rows && value === rows;
        },
        { timeoutMs: 180_000, everyMs: 2000 },
      );
    } finally {
      for (const id of faults) emu().removeFault(id);
    }
    // The failures did happen: the rows got through them, not around them.
    const failed = (pattern: RegExp, status: number) =>
      emu()
        .requests()
        .filter((r) => r.method === 'POST' && pattern.test(r.path) && r.status === status).length;
    assert.ok(failed(/\/users$/, 503) >= 3, 'user creations failed');
    assert.ok(failed(/assignLicense$/, 429) >= 3, 'licence assignments were throttled');
    assert.ok(failed(/members\/\$ref$/, 503) >= 3, 'group additions failed');
    const users = emu()
      .directoryUsers(tenantId())
      .filter((u) => /^bulk\d+@/.test(String((u.otherMails as string[] | undefined)?.[0])));
    const byAddress = new Map<string, number>();
    for (const u of users) {
      const a = String((u.otherMails as string[] | undefined)?.[0]);
      byAddress.set(a, (byAddress.get(a) ?? 0) + 1);
    }
    assert.equal(byAddress.size, rows, 'one account per address (none lost)');
    assert.deepEqual(
      [...byAddress].filter(([, n]) => n !== 1),
      [],
      'no address has two accounts (none doubled)',
    );
    const filed = await new AccountRequests(h.running.runtime.store.db).page({ importId, limit: 1000 });
    assert.equal(filed.length, rows);
    assert.deepEqual(
      filed.filter((r) => r.state !== 'done').map((r) => `${r.address}: ${r.state} ${r.error ?? ''}`),
      [],
    );
  });
});
