// Shared setup for the TruSTAR connector tests: an emulator per suite, clients on it without backoff
// jitter or client-side rate limit, a clock tests can move forward, and page collection.
import { after, afterEach, before } from 'node:test';
import {
  DEFAULT_CREDENTIAL,
  startTrustarEmulator,
  type TrustarEmulator,
  type TrustarEmulatorOptions,
} from '../../../emulators/trustar/index.js';
import {
  createTrustarClient,
  type SearchPage,
  type TrustarClient,
  type TrustarClientOptions,
  type TrustarConnection,
  trustarConnection,
} from '../../../src/connectors/trustar/index.js';
import { type Clock, systemClock } from '../../../src/platform/http/index.js';

export const METATAG = 'graphsoc tests (Contoso SOC)';

/** A clock whose now() runs `offsetMs` ahead of the wall; sleeps stay real (they are short here). */
export function shiftedClock(): Clock & { offsetMs: number } {
  const c = { offsetMs: 0, now: () => Date.now() + c.offsetMs, sleep: systemClock.sleep };
  return c;
}

export function connectionFor(em: TrustarEmulator, over: Partial<TrustarConnection> = {}): TrustarConnection {
  return trustarConnection({
    baseUrl: em.url,
    apiKey: DEFAULT_CREDENTIAL.apiKey,
    apiSecret: DEFAULT_CREDENTIAL.apiSecret,
    enclaveIds: [...em.enclaveIds],
    clientMetatag: METATAG,
    pageSize: 1000,
    ...over,
  });
}

export function clientFor(
  em: TrustarEmulator,
  over: Partial<TrustarConnection> = {},
  opts: TrustarClientOptions = {},
): TrustarClient {
  return createTrustarClient(connectionFor(em, over), {
    caPem: em.caPem,
    random: () => 0,
    retry: { maxRetries: 3, baseDelayMs: 1 },
    limits: { concurrency: 4, ratePerSec: 0 },
    ...opts,
  });
}

export async function collect<T>(
  pages: AsyncIterable<SearchPage<T>>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let n = 0;
  for await (const page of pages) {
    items.push(...page.items);
    n++;
  }
  return { items, pages: n };
}

export function count(em: TrustarEmulator, path: string): number {
  return em.requests().filter((e) => e.path === path).length;
}

/** A window holding the whole default corpus (30 days before its end, which is about now). */
export function wholeCorpus(): { from: number; to: number } {
  const to = Date.now() + 60_000;
  return { from: to - 40 * 86_400_000, to };
}

/** Registers before/after hooks around one emulator; `em` is set once `before` ran. */
export function trustarFixture(opts: TrustarEmulatorOptions = {}): { em: TrustarEmulator } {
  const f = {} as { em: TrustarEmulator };
  before(async () => {
    f.em = await startTrustarEmulator(opts);
  });
  after(() => f.em.close());
  return f;
}

/**
 * A client factory for one describe block: its clients are closed, and the emulator reset, after each
 * test, so a test's tokens, throttling and corpus changes do not leak into the next.
 */
export function closedAfterEach(f: {
  em: TrustarEmulator;
}): (...args: Parameters<typeof clientFor>) => TrustarClient {
  const clients: TrustarClient[] = [];
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    f.em.reset();
  });
  return (...args) => {
    const c = clientFor(...args);
    clients.push(c);
    return c;
  };
}
