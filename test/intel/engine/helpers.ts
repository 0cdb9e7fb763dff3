// Shared pieces of the engine tests: a source over a list of records, a clock that never waits, and
// a sync run wired to a FakeSink.
import type { Kysely } from 'kysely';
import { runSync, type SinkRuntime, type SyncOptions } from '../../../src/intel/engine/sync.js';
import { Pacer } from '../../../src/intel/engine/pacer.js';
import { createIndicator, type IndicatorInput } from '../../../src/intel/model/indicator.js';
import { compilePolicy } from '../../../src/intel/policy/compile.js';
import type { IntelSource, SourcePage } from '../../../src/intel/sources/types.js';
import type { Database } from '../../../src/platform/db/index.js';
import type { Clock } from '../../../src/platform/http/index.js';
import type { FakeSink } from './fake-sink.js';

export const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 10, 1);

/** A clock whose sleeps pass at once, moving time on. */
export function instantClock(start = NOW): Clock & { t: number } {
  const c = {
    t: start,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

export function record(i: number, over: Partial<IndicatorInput> = {}): IndicatorInput {
  return {
    type: 'ipv4',
    value: `45.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    source: 'trustar',
    sourceRef: 'enclave-1',
    firstSeenMs: NOW - DAY,
    lastSeenMs: NOW - DAY,
    tags: [],
    score: 60,
    tlp: 'amber',
    ...over,
  };
}

/**
 * A source that hands over `records()` in pages of `pageSize`, resuming after the page its cursor
 * names; `failAtPage` throws when that page is reached (a source outage).
 */
export function listSource(records: () => IndicatorInput[], pageSize = 25, failAtPage?: number): IntelSource {
  return {
    name: 'trustar',
    async *read(cursor): AsyncGenerator<SourcePage> {
      const all = records();
      let page = cursor === undefined ? 0 : Number(JSON.parse(cursor).next);
      // A finished read starts over: the list is "what the source holds now".
      if (page * pageSize >= all.length) page = 0;
      for (; page * pageSize < all.length; page++) {
        if (page === failAtPage) throw new Error('source outage');
        yield {
          items: all.slice(page * pageSize, (page + 1) * pageSize).map((r) => createIndicator(r)),
          cursor: JSON.stringify({ next: page + 1 }),
        };
      }
    },
    async ping() {},
    async close() {},
  };
}

export function runtime(sink: FakeSink, clock: Clock, policy: unknown = {}, concurrency = 2): SinkRuntime {
  return {
    name: 'sentinel',
    sink,
    policy: compilePolicy('sentinel', policy),
    pacer: new Pacer({ calls: 100, windowMs: 60_000, clock }),
    concurrency,
    throttled: () => 0,
  };
}

export function sync(
  db: Kysely<Database>,
  source: IntelSource,
  rt: SinkRuntime,
  clock: Clock & { t: number },
  o: Partial<SyncOptions> = {},
) {
  return runSync(db, [source], [rt], { dryRun: false, now: () => clock.t, ...o });
}
