// The operator console in headless Chromium against the sandbox: signing in through the emulated
// Entra ID, a delivered report showing up as a campaign with its hostile values escaped, releasing a
// quarantined report, what a viewer may not do, refused sign-ins and forms, sign-out, axe-core on
// every page in both themes and in German, a phone's width, the refresh that can be paused, and
// pages without script.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ReportStore } from '../../src/phishing/index.js';
import { DEFAULT_RETRY, phishingDb } from '../../src/phishing/store/index.js';
import { waitFor } from '../helpers/wait.js';
import {
  axe,
  type Harness,
  HOSTILE,
  hostileReport,
  overflows,
  reloadUntil,
  startHarness,
} from './console-harness.js';

type Win = { __pwned?: number };

describe('operator console in Chromium (sandbox)', () => {
  let h: Harness;
  let admin: string;
  /** Pages every signed-in person can read; filled once the data for them exists. */
  const pages: string[] = [
    '/',
    '/phishing',
    '/phishing/quarantine',
    '/phishing/mailboxes',
    '/relay',
    '/intel',
    '/platform',
  ];

  before(async () => {
    h = await startHarness();
    admin = h.admin;
    await waitFor(
      'the seeded reports filed',
      async () => {
        const rows = await phishingDb(h.running.runtime.store.db)
          .selectFrom('phishing_reports')
          .select('state')
          .execute();
        return rows.length >= 7 && rows.every((r) => r.state === 'done');
      },
      { timeoutMs: 60_000 },
    );
  });
  after(async () => {
    await h?.close();
  });

  test('signs in as the sandbox admin through the emulated Entra page and lands on the overview', async () => {
    const { page, errors } = await h.signedIn('admin');
    assert.equal(await page.locator('h1').innerText(), 'Overview');
    assert.match(await page.locator('.user .who').innerText(), /Signed in as Alex Wilber \(admin\)/);
    const nav = await page.locator('nav.sections a').allInnerTexts();
    for (const entry of ['Overview', 'Phishing', 'Quarantine', 'Relay', 'Platform', 'Audit log'])
      assert.ok(nav.includes(entry), `${entry} in ${nav.join(', ')}`);
    assert.ok(
      nav.some((n) => /threat intel/i.test(n)),
      'the threat-intel sync has its place through the registry',
    );
    const jobs = await page
      .locator('[data-block="jobs"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
    assert.deepEqual(jobs.sort(), ['accounts', 'graph-security', 'intel', 'phishing', 'relay']);
    assert.ok(
      (await page.locator('section.chart svg[role="img"]').count()) >= 3,
      'charts drawn on the server',
    );
    assert.equal(await page.locator('#refresh').isVisible(), true, 'console.js ran under the CSP');
    assert.deepEqual(errors, []);
    // The sign-in is in the audit log, with where it came from.
    await page.goto(`${admin}/audit`);
    assert.match(
      await page.locator('[data-block="audit"] tbody tr').first().innerText(),
      /console\.sign-in[\s\S]*127\.0\.0\.1[\s\S]*Done/,
    );
  });

  test('a report delivered now shows up as a new campaign, with every value from the mail escaped and isolated', async () => {
    const { page } = await h.signedIn('analyst');
    const { tenant, reportMailbox, emulators } = h.running.sandbox;
    emulators.entraGraph.deliverMail(tenant.tenantId, reportMailbox, {
      mime: hostileReport(tenant.domain, 'hostile-1'),
    });
    const row = page.locator('[data-block="phishing-campaigns"] tbody tr', { hasText: 'Urgent' });
    await reloadUntil(
      page,
      `${admin}/phishing`,
      async () => (await row.count()) === 1,
      'the campaign on the list',
    );
    const subject = row.locator('bdi', { hasText: 'Urgent' }).first();
    assert.ok(
      (await subject.innerText()).includes('<script>window.__pwned=1</script>'),
      'the markup shows as text',
    );
    assert.ok((await subject.textContent())?.includes('\u202E'), 'the override is kept, inside its isolate');
    type Styles = { getComputedStyle(el: unknown): { unicodeBidi: string } };
    assert.equal(
      await subject.evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).unicodeBidi),
      'isolate',
    );
    assert.equal(await page.evaluate(() => (globalThis as unknown as Win).__pwned), undefined);
    // Its page: the reporter and the sender as text, the link defanged.
    await row.locator('a').first().click();
    await page.waitForURL(/\/phishing\/campaigns\//);
    pages.push(new URL(page.url()).pathname);
    const text = await page.locator('main').innerText();
    assert.ok(text.includes(HOSTILE.reporter) || text.includes('ada.lovelace@'), 'the reporter is shown');
    assert.match(text, /hxxps:\/\/evil-login\[\.\]example/);
    assert.doesNotMatch(await page.locator('main').innerHTML(), /<script>window|<img src=x|<b>mallory/);
    assert.equal(await page.evaluate(() => (globalThis as unknown as Win).__pwned), undefined);
    const report = page.locator('a[href^="/phishing/reports/"]').first();
    pages.push((await report.getAttribute('href')) as string);
  });

  test('an analyst releases a quarantined report: it goes back to work, the page says so and the audit log has it', async () => {
    const store = new ReportStore(h.running.runtime.store.db);
    const { report } = await store.seen({
      mailbox: h.running.sandbox.reportMailbox,
      messageId: 'quarantine-demo-1',
      receivedAt: Date.now(),
    });
    await store.fail(report.id, 'Archer refused the value of Source', { ...DEFAULT_RETRY, maxAttempts: 1 });
    const { page } = await h.signedIn('analyst');
    await page.goto(`${admin}/phishing/quarantine`);
    const row = page.locator(`tr[data-row="${report.id}"]`);
    assert.match(await row.innerText(), /Archer refused the value of Source/);
    page.on('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: /release/i }).click();
    await page.waitForURL(/flash=\d+/);
    assert.match(await page.locator('[data-flash]').innerText(), new RegExp(`${report.id}`));
    await page.goto(`${admin}/phishing/quarantine`);
    assert.equal(await page.locator(`tr[data-row="${report.id}"]`).count(), 0, 'no longer in quarantine');
    assert.notEqual((await store.get(report.id))?.state, 'quarantined');
    const admins = await h.signedIn('admin');
    await admins.page.goto(`${admin}/audit?action=phishing.report.release`);
    assert.match(
      await admins.page.locator('[data-block="audit"] tbody tr').first().innerText(),
      /Adele Vance[\s\S]*phishing\.report\.release[\s\S]*Done/,
    );
  });

  test('a viewer sees no release button, and a release posted anyway is refused and audited', async () => {
    const store = new ReportStore(h.running.runtime.store.db);
    const { report } = await store.seen({
      mailbox: h.running.sandbox.reportMailbox,
      messageId: 'quarantine-demo-2',
      receivedAt: Date.now(),
    });
    await store.fail(report.id, 'Archer refused', { ...DEFAULT_RETRY, maxAttempts: 1 });
    const { page } = await h.signedIn('viewer');
    await page.goto(`${admin}/phishing/quarantine`);
    assert.equal(await page.locator(`tr[data-row="${report.id}"]`).count(), 1);
    assert.equal(await page.locator('form[action$="/release"]').count(), 0);
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const status = await page.evaluate(
      async ([id, token]) =>
        (
          await fetch(`/phishing/reports/${id}/release`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `_csrf=${token}`,
          })
        ).status,
      [String(report.id), csrf] as const,
    );
    assert.equal(status, 403);
    assert.equal((await store.get(report.id))?.state, 'quarantined');
    assert.ok(pages.push('/audit'));
  });

  test('a form sent without its anti-forgery token is refused and changes nothing', async () => {
    const store = new ReportStore(h.running.runtime.store.db);
    const { report } = await store.seen({
      mailbox: h.running.sandbox.reportMailbox,
      messageId: 'quarantine-demo-3',
      receivedAt: Date.now(),
    });
    await store.fail(report.id, 'Archer refused', { ...DEFAULT_RETRY, maxAttempts: 1 });
    const { page } = await h.signedIn('analyst');
    await page.goto(`${admin}/phishing/quarantine`);
    const form = page.locator(`tr[data-row="${report.id}"] form[action$="/release"]`);
    await form.locator('input[name="_csrf"]').evaluate((el) => el.remove());
    await form.evaluate((f) =>
      (f as unknown as { removeAttribute(n: string): void }).removeAttribute('data-confirm'),
    );
    const answer = page.waitForResponse((r) => r.url().endsWith('/release'));
    await form.getByRole('button').click();
    assert.equal((await answer).status(), 403);
    assert.match(await page.locator('main').innerText(), /GSOC_SESSION_CSRF_INVALID/);
    assert.equal((await store.get(report.id))?.state, 'quarantined');
  });

  test('a forged state, a replayed callback and one finished in another browser are refused', async () => {
    const context = await h.browser.newContext({ ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      const forged = await page.goto(`${admin}/sign-in/callback?code=abc&state=forged-state`);
      assert.equal(forged?.status(), 400);
      assert.match(await page.locator('main').innerText(), /cannot be finished/);
      // A real sign-in, remembering the callback it went through.
      let callback = '';
      page.on('request', (r) => {
        if (r.url().includes('/sign-in/callback?')) callback = r.url();
      });
      await page.goto(`${admin}/sign-in/start?return=%2Fplatform`);
      await page.locator('button[data-upn]').first().click();
      await page.waitForURL(`${admin}/platform`);
      assert.ok(callback);
      const replay = await page.goto(callback);
      assert.equal(replay?.status(), 400, 'the state works once');
      // Started in one browser, finished in another (a login CSRF): that one lacks the flow cookie.
      const starter = await h.browser.newContext({ ignoreHTTPSErrors: true });
      const other = await h.browser.newContext({ ignoreHTTPSErrors: true });
      try {
        const started = await starter.request.get(`${admin}/sign-in/start`, { maxRedirects: 0 });
        const authorize = started.headers().location;
        assert.match(authorize ?? '', /\/oauth2\/v2\.0\/authorize\?/);
        const p2 = await other.newPage();
        const answer = p2.waitForResponse((r) => new URL(r.url()).pathname === '/sign-in/callback');
        await p2.goto(authorize as string);
        await p2.locator('button[data-upn]').first().click();
        assert.equal((await answer).status(), 400);
        assert.match(await p2.locator('main').innerText(), /started in another browser/);
        assert.match((await p2.goto(`${admin}/`))?.url() ?? '', /\/sign-in\?/, 'no session there');
      } finally {
        await starter.close();
        await other.close();
      }
    } finally {
      await context.close();
    }
  });

  test('a session past its idle time sends the reader to sign in again, saying why', async () => {
    const { page } = await h.signedIn('viewer');
    // As if the last request were an hour ago (the idle limit is 30 minutes).
    await h.running.runtime.store.db
      .updateTable('console_sessions')
      .set({ last_seen_at: Date.now() - 3_600_000 })
      .execute();
    await page.goto(`${admin}/relay`);
    await page.waitForURL(/\/sign-in\?/);
    assert.match(await page.locator('main').innerText(), /not used for a while/);
    assert.match(page.url(), /return=%2Frelay/);
  });

  test('sign-out ends the session; sign-out everywhere ends the other browser’s too', async () => {
    const one = await h.signedIn('analyst');
    const two = await h.signedIn('analyst');
    await one.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await one.page.waitForURL(/\/sign-in/);
    await one.page.goto(`${admin}/`);
    assert.match(one.page.url(), /\/sign-in\?/);
    await two.page.goto(`${admin}/platform`);
    assert.equal(await two.page.locator('h1').innerText(), 'Platform', 'the other browser is still in');
    const three = await h.signedIn('analyst');
    await three.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await three.page.waitForURL(/\/sign-in/);
    await two.page.goto(`${admin}/platform`);
    assert.match(two.page.url(), /\/sign-in\?/, 'every session of the person ended');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`every page passes axe-core's WCAG 2.1 AA rules, contrast included, in the ${scheme} scheme`, async () => {
      // bypassCSP lets axe's injected script run; the page's own CSP is checked in the first test.
      const { page } = await h.signedIn('admin', { colorScheme: scheme, bypassCSP: true });
      for (const path of [...pages, '/docs/phishing.md']) {
        await page.goto(`${admin}${path}`);
        const { violations, passed } = await axe(page);
        assert.deepEqual(violations, [], path);
        if (path === '/') assert.ok(passed.includes('color-contrast'), 'the contrast rule ran');
      }
      const signIn = await h.browser.newPage({ colorScheme: scheme, bypassCSP: true });
      try {
        await signIn.goto(`${admin}/sign-in`);
        assert.deepEqual((await axe(signIn)).violations, [], '/sign-in');
      } finally {
        await signIn.close();
      }
    });
  }

  test('in German, chosen on the page, and in the dark theme chosen there too, every page still passes axe', async () => {
    const { page } = await h.signedIn('admin', { bypassCSP: true });
    await page.locator('select[name="lang"]').selectOption('de');
    await page.locator('select[name="theme"]').selectOption('dark');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(`${admin}/`);
    assert.equal(await page.locator('h1').innerText(), 'Übersicht');
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
    for (const path of pages) {
      await page.goto(`${admin}${path}`);
      assert.deepEqual((await axe(page)).violations, [], path);
    }
  });

  test('every page fits a 375 px wide phone without sideways scrolling', async () => {
    const { page } = await h.signedIn('admin', { viewport: { width: 375, height: 800 } });
    for (const path of pages) {
      await page.goto(`${admin}${path}`);
      assert.equal(await overflows(page), undefined, path);
    }
  });

  test('without script every page works: server times stay, no pause control, actions post straight', async () => {
    const { page } = await h.signedIn('admin', { javaScriptEnabled: false });
    for (const path of pages) {
      const res = await page.goto(`${admin}${path}`);
      assert.equal(res?.status(), 200, path);
    }
    await page.goto(`${admin}/`);
    assert.equal(await page.locator('#refresh').isVisible(), false);
    for (const t of await page.locator('time[datetime]').allInnerTexts()) assert.match(t, /UTC$/);
  });

  test('a live page updates itself every 30 s until the visible pause control is pressed', async () => {
    const { context, page } = await h.signedIn('viewer');
    const updates: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'fetch' && new URL(r.url()).pathname === '/') updates.push(r.url());
    });
    await page.clock.install();
    await page.goto(`${admin}/`);
    const toggle = page.getByRole('button', { name: 'Pause updates' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await page.evaluate(() => {
      type Doc = { document: { querySelector(s: string): { id: string } } };
      (globalThis as unknown as Doc).document.querySelector('main').id = 'before-update';
    });
    await page.clock.runFor(31_000);
    await waitFor('an update', () => updates.length === 1);
    await waitFor(
      'the new content in place',
      async () => (await page.locator('main#before-update').count()) === 0,
    );
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.match(await page.locator('#refresh-status').innerText(), /paused/i);
    await page.clock.runFor(95_000);
    await page.evaluate(() => fetch('/healthz'));
    assert.equal(updates.length, 1, 'no update while paused');
    await context.close();
  });

  test('times read as local and relative where script runs, with the ISO time kept', async () => {
    const { page } = await h.signedIn('viewer');
    await page.goto(`${admin}/platform`);
    const times = await page.locator('time[datetime]').evaluateAll((els) =>
      els.map((el) => ({
        iso: el.getAttribute('datetime') ?? '',
        text: el.textContent ?? '',
        title: el.getAttribute('title') ?? '',
      })),
    );
    assert.ok(times.length >= 2);
    for (const t of times) {
      assert.match(t.text, /ago|^in |now/, `relative text for ${t.iso}: "${t.text}"`);
      assert.ok(t.title.includes(t.iso));
    }
  });

  test('the public listener serves none of the console, the admin one none of the relay or webhook', async () => {
    const pub = h.running.runtime.url;
    for (const path of ['/', '/sign-in', '/phishing', '/assets/console.css', '/metrics', '/docs/phishing.md'])
      assert.equal((await fetch(`${pub}${path}`)).status, 404, `${path} on the public listener`);
    for (const path of ['/relay/graph-security/observe/observables', '/webhooks/graph/mail']) {
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' };
      assert.equal((await fetch(`${admin}${path}`, init)).status, 404, `${path} on the admin listener`);
      assert.notEqual((await fetch(`${pub}${path}`, init)).status, 404, `${path} on the public listener`);
    }
  });
});
