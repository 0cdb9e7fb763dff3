// Shared setup for the Archer connector tests: an emulator, a client on it, and counters read from
// the emulator's request log.
import { after, before } from 'node:test';
import { type ArcherEmulator, DEFAULT_USER, startArcherEmulator } from '../../../emulators/archer/index.js';
import {
  type ArcherClient,
  type ArcherConnection,
  archerConnection,
  createArcherClient,
} from '../../../src/connectors/archer/index.js';

export function connectionFor(em: ArcherEmulator, over: Partial<ArcherConnection> = {}): ArcherConnection {
  return archerConnection({
    baseUrl: em.url,
    basePath: '/platformapi',
    instanceName: DEFAULT_USER.instanceName,
    username: DEFAULT_USER.username,
    userDomain: '',
    password: DEFAULT_USER.password,
    ...over,
  });
}

/** A client with no backoff jitter, so retries take no wall-clock time. */
export function clientFor(em: ArcherEmulator, over: Partial<ArcherConnection> = {}): ArcherClient {
  return createArcherClient(connectionFor(em, over), {
    caPem: em.caPem,
    random: () => 0,
    retry: { maxRetries: 3, baseDelayMs: 1 },
  });
}

export function count(em: ArcherEmulator, pathEnd: string): number {
  return em.requests().filter((e) => e.path.endsWith(pathEnd)).length;
}

/** Registers the suite's before/after hooks around one emulator; `em` is set once `before` ran. */
export function archerFixture(): { em: ArcherEmulator } {
  const f = {} as { em: ArcherEmulator };
  before(async () => {
    f.em = await startArcherEmulator();
  });
  after(() => f.em.close());
  return f;
}
