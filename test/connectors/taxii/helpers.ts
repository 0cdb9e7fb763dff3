// Shared setup for the TAXII connector and source tests: an emulator per suite (reset after each
// test), clients on it without backoff jitter or client-side rate limit, closed after each test.
import { after, afterEach, before } from 'node:test';
import {
  DEFAULT_TAXII_USER,
  startTaxiiEmulator,
  type TaxiiEmulator,
  type TaxiiEmulatorOptions,
} from '../../../emulators/taxii/index.js';
import {
  createTaxiiClient,
  type TaxiiClient,
  type TaxiiClientOptions,
  type TaxiiSettings,
  taxiiConnection,
} from '../../../src/connectors/taxii/index.js';

export interface TaxiiFixture {
  em: TaxiiEmulator;
  /** A client on the emulator (discovery URL, default user) with `over` applied; closed after the test. */
  client(over?: TaxiiSettings, opts?: TaxiiClientOptions): TaxiiClient;
}

export function taxiiFixture(emulator: TaxiiEmulatorOptions = {}): TaxiiFixture {
  const f = {} as TaxiiFixture;
  const clients: TaxiiClient[] = [];
  before(async () => {
    f.em = await startTaxiiEmulator(emulator);
  });
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    f.em.reset();
  });
  after(() => f.em.close());
  f.client = (over = {}, opts = {}) => {
    const c = createTaxiiClient(
      taxiiConnection({
        url: f.em.discoveryUrl,
        username: DEFAULT_TAXII_USER.username,
        password: DEFAULT_TAXII_USER.password,
        collectionIds: [f.em.collectionIds[0] as string],
        ...over,
      }),
      {
        caPem: f.em.caPem,
        random: () => 0,
        retry: { maxRetries: 3, baseDelayMs: 1 },
        limits: { concurrency: 4, ratePerSec: 0 },
        ...opts,
      },
    );
    clients.push(c);
    return c;
  };
  return f;
}

/** Every page of an async iterable, in order. */
export async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(p);
  return out;
}
