// What the console's browser tests share: one sandbox, one Chromium, signing in through the emulated
// Entra ID as one of the sandbox's people, axe-core, and a hostile report to deliver.
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchSandbox, type RunningSandbox } from '../../src/cli/sandbox.js';
import { sandboxConsoleUser } from '../../src/sandbox/index.js';
import { launchBrowser } from '../helpers/browser.js';
import { LogCapture } from '../helpers/log-capture.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export type Person = 'admin' | 'analyst' | 'viewer';

export interface Harness {
  running: RunningSandbox;
  browser: Browser;
  admin: string;
  /** A new browser (context) signed in as the person, through the emulated Entra sign-in page. */
  signedIn(
    person: Person,
    opts?: Parameters<Browser['newContext']>[0],
  ): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const running = await launchSandbox({ port: 0, dataDir: tempDir(), logDestination: new LogCapture() });
  const browser = await launchBrowser();
  const admin = running.runtime.adminUrl;
  const contexts: BrowserContext[] = [];
  return {
    running,
    browser,
    admin,
    async signedIn(person, opts = {}) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true, ...opts });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${admin}/`);
      await page.waitForURL(/\/sign-in\?/);
      await page.locator('#sign-in-microsoft').click();
      // The emulated Entra page lists the sandbox's people; a click signs one in.
      const upn = sandboxConsoleUser(running.sandbox.tenant, person);
      await page.locator(`button[data-upn="${upn}"]`).click();
      await page.waitForURL(`${admin}/`);
      return { context, page, errors };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await running.stop();
    },
  };
}

interface AxeResult {
  violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }>;
  passes: Array<{ id: string }>;
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is; the violations, one line each. */
export async function axe(page: Page): Promise<{ violations: string[]; passed: string[] }> {
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

/** Values a phisher controls, each with markup and a right-to-left override. */
export const HOSTILE = {
  subject: 'Urgent <script>window.__pwned=1</script> pay \u202Efdp.exe now',
  sender: 'billing@evil-tset.example',
  senderName: '<img src=x onerror="window.__pwned=2">',
  reporter: '<b>mallory</b>',
  url: 'https://evil-login.example/<script>?x="\u202E',
};

const b64 = (s: string) => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

/** A report of a new campaign whose subject, sender, reporter and link are hostile. */
export function hostileReport(domain: string, id: string): string {
  const original = [
    'Received: from mail.evil.example (mail.evil.example [203.0.113.99]) by mx.contoso-sandbox.onmicrosoft.com; Mon, 2 Mar 2026 10:00:00 +0000',
    'Authentication-Results: mx.contoso-sandbox.onmicrosoft.com; spf=fail smtp.mailfrom=evil.example; dkim=none; dmarc=fail',
    `From: ${b64(HOSTILE.senderName)} <${HOSTILE.sender}>`,
    `To: staff@${domain}`,
    `Subject: ${b64(HOSTILE.subject)}`,
    `Message-ID: <${id}@evil.example>`,
    'Date: Mon, 02 Mar 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>Your account is locked. <a href="${HOSTILE.url.replace(/"/g, '&quot;')}">Unlock it now</a></p>`,
  ].join('\r\n');
  return [
    `From: ${b64(HOSTILE.reporter)} <ada.lovelace@${domain}>`,
    `To: phish-reports@${domain}`,
    'Subject: FW: suspicious',
    `Message-ID: <report-${id}@${domain}>`,
    'Date: Mon, 02 Mar 2026 10:05:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Phishing?',
    '--b',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="original.eml"',
    '',
    original,
    '--b--',
    '',
  ].join('\r\n');
}

/** Waits until `path` shows `text`, reloading (the page would refresh itself every 30 s). */
export async function reloadUntil(
  page: Page,
  url: string,
  has: () => Promise<boolean>,
  what: string,
): Promise<void> {
  await waitFor(
    what,
    async () => {
      await page.goto(url);
      return has();
    },
    { timeoutMs: 60_000 },
  );
}

/** Whether the page is wider than its viewport (a phone would scroll sideways). */
export async function overflows(page: Page): Promise<string | undefined> {
  const { scroll, width } = await page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return { scroll: root.scrollWidth, width: root.clientWidth };
  });
  return scroll > width ? `${scroll} px wide in a ${width} px viewport` : undefined;
}
