// Shared setup for the TAXII emulator tests: a started emulator, an undici Agent trusting its CA, and
// GET calls with the default reader's Basic credentials and the TAXII 2.1 Accept header.
import { after, afterEach, before } from 'node:test';
import { Agent } from 'undici';
import {
  DEFAULT_TAXII_USER,
  startTaxiiEmulator,
  type TaxiiEmulator,
  type TaxiiEmulatorOptions,
} from '../../../emulators/taxii/index.js';
import { http, type JsonResponse } from '../helpers.js';

export const ACCEPT = 'application/taxii+json;version=2.1';
export const basic = (user = DEFAULT_TAXII_USER.username, password = DEFAULT_TAXII_USER.password) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export interface TaxiiTest {
  em: TaxiiEmulator;
  agent: Agent;
  /** GET a path (or absolute URL) with Basic auth and the TAXII Accept unless `headers` replaces them. */
  get(path: string, headers?: Record<string, string>): Promise<JsonResponse>;
}

/** Registers before/after hooks around one emulator, reset after each test. */
export function taxiiTest(opts: TaxiiEmulatorOptions = {}): TaxiiTest {
  const t = {} as TaxiiTest;
  before(async () => {
    t.em = await startTaxiiEmulator(opts);
    t.agent = new Agent({ connect: { ca: t.em.caPem } });
  });
  afterEach(() => t.em.reset());
  after(async () => {
    await t.agent.close();
    await t.em.close();
  });
  t.get = (path, headers) =>
    http(t.agent, path.startsWith('https:') ? path : `${t.em.url}${path}`, {
      headers: headers ?? { authorization: basic(), accept: ACCEPT },
    });
  return t;
}
