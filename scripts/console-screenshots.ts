// Takes the screenshots of docs/console.md: starts the sandbox on free ports in a temporary directory,
// waits until its seeded reports are done and the threat-intel sync and the relay have something to
// show, signs in as the sandbox's admin in headless Chromium and saves each console page as
// docs/images/console-<page>.png (1280 px wide, at most MAX_HEIGHT tall; the overview also 390 px wide
// for a phone and in the dark theme).
//
// What it stages beyond the sandbox's own seed, so the pages have something in every table: a few
// relay requests (one with a good token, one without), and two reports set aside in the quarantine
// by hand (their last error says so). It takes no action: a form post from Chromium is refused while
// the admin listener sends Referrer-Policy: no-referrer (Chromium then sends `Origin: null`; issue 14).
// Run: node --import tsx scripts/console-screenshots.ts
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchSandbox, type RunningSandbox } from '../src/cli/sandbox.js';
import { consoleSignInLink } from '../src/sandbox/index.js';
import { launchBrowser } from '../test/helpers/browser.js';

const OUT = fileURLToPath(new URL('../docs/images/', import.meta.url));
const WIDTH = 1280;
const PHONE_WIDTH = 390;
const MAX_HEIGHT = 2000;
/** The relay adds its counts into relay_stats once a minute. */
const RELAY_FLUSH_WAIT_MS = 75_000;
const SET_ASIDE = 'Set aside by scripts/console-screenshots.ts to show the quarantine page.';

/** The columns this script reads or sets, of tables the features own. */
type StagedTables = {
  phishing_reports: { id: number; state: string; last_error: string | null; campaign_key: string | null };
  relay_stats: { hour: number };
  intel_runs: { source: string };
};

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The page as it is, full length but cut at MAX_HEIGHT. */
async function shoot(page: Page, name: string): Promise<void> {
  type Doc = { document: { documentElement: { scrollHeight: number } } };
  const height = await page.evaluate(
    () => (globalThis as unknown as Doc).document.documentElement.scrollHeight,
  );
  const width = page.viewportSize()?.width ?? WIDTH;
  await page.screenshot({
    path: join(OUT, `console-${name}.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, MAX_HEIGHT) },
  });
  process.stdout.write(`docs/images/console-${name}.png\n`);
}

async function visit(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await shoot(page, name);
}

async function stage(running: RunningSandbox): Promise<{ campaign: string; reports: number[] }> {
  const db = running.runtime.store.db.withTables<StagedTables>();
  await waitUntil(
    'the seeded reports to be done',
    async () => {
      const rows = await db.selectFrom('phishing_reports').select(['state']).execute();
      return rows.length >= 7 && rows.every((r) => r.state === 'done');
    },
    120_000,
  );
  const rows = await db
    .selectFrom('phishing_reports')
    .select(['id', 'campaign_key'])
    .where('campaign_key', 'is not', null)
    .orderBy('id')
    .execute();
  const campaign = rows[0]?.campaign_key;
  if (!campaign) throw new Error('no seeded report joined a campaign');
  const reports = rows.slice(-2).map((r) => r.id);
  await db
    .updateTable('phishing_reports')
    .set({ state: 'quarantined', last_error: SET_ASIDE })
    .where('id', 'in', reports)
    .execute();

  // Relay traffic: answered requests with the sandbox's token, and one refused for want of a token.
  const relay = `${running.runtime.url}/relay/graph-security`;
  const token = await running.sandbox.relayToken(running.runtime.url);
  const body = JSON.stringify([running.sandbox.sampleObservable]);
  for (const [path, auth] of [
    ['/observe/observables', true],
    ['/deliberate/observables', true],
    ['/refer/observables', true],
    ['/observe/observables', false],
  ] as const) {
    await fetch(`${relay}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
  }
  await waitUntil(
    'the threat-intel sync to run and the relay to write its statistics',
    async () => {
      const stats = await db.selectFrom('relay_stats').select('hour').limit(1).execute();
      const runs = await db.selectFrom('intel_runs').select('source').limit(1).execute();
      return stats.length > 0 && runs.length > 0;
    },
    RELAY_FLUSH_WAIT_MS + 60_000,
  );
  return { campaign, reports };
}

async function signedIn(
  browser: Browser,
  running: RunningSandbox,
  opts: { colorScheme?: 'dark'; width: number },
) {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: opts.width, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
    locale: 'en-GB',
    // The emulated Entra ID serves HTTPS with the sandbox's own CA.
    ignoreHTTPSErrors: true,
  });
  const page = await context.newPage();
  const admin = running.runtime.adminUrl;
  await page.goto(consoleSignInLink(admin, running.sandbox.tenant));
  await page.waitForURL(`${admin}/`);
  return { context, page };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'graphsoc-shots-'));
  const running = await launchSandbox({ port: 0, dataDir, logLevel: 'silent' });
  let browser: Browser | undefined;
  try {
    const { campaign, reports } = await stage(running);
    const admin = running.runtime.adminUrl;
    browser = await launchBrowser();

    const signIn = await browser.newPage({ viewport: { width: WIDTH, height: 900 }, colorScheme: 'light' });
    await visit(signIn, `${admin}/sign-in`, 'sign-in');
    await signIn.close();

    const { context, page } = await signedIn(browser, running, { width: WIDTH });
    await visit(page, `${admin}/`, 'overview');
    await visit(page, `${admin}/phishing`, 'phishing-campaigns');
    await visit(page, `${admin}/phishing/campaigns/${encodeURIComponent(campaign)}`, 'phishing-campaign');
    await visit(page, `${admin}/phishing/quarantine`, 'phishing-quarantine');
    await visit(page, `${admin}/phishing/mailboxes`, 'phishing-mailboxes');
    await visit(page, `${admin}/phishing/reports/${reports[1]}`, 'phishing-report');
    await visit(page, `${admin}/relay`, 'relay');
    await visit(page, `${admin}/intel`, 'intel');
    await visit(page, `${admin}/platform`, 'platform');
    // One release, so the audit log shows an analyst's action beside the sign-ins.
    await page.goto(`${admin}/phishing/quarantine`);
    page.once('dialog', (d) => void d.accept());
    await page.locator(`tr[data-row="${reports[0]}"]`).getByRole('button', { name: 'Release' }).click();
    await page.waitForURL(/flash=/);
    await visit(page, `${admin}/audit`, 'audit');
    await context.close();

    const phone = await signedIn(browser, running, { width: PHONE_WIDTH });
    await visit(phone.page, `${admin}/`, 'overview-phone');
    await phone.context.close();

    const dark = await signedIn(browser, running, { width: WIDTH, colorScheme: 'dark' });
    await visit(dark.page, `${admin}/`, 'overview-dark');
    await dark.context.close();
  } finally {
    await browser?.close();
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
