// Headless Debian Chromium through playwright-core, with the flags this closed network needs.
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.GRAPHSOC_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
