// Starts the threat-intel sync under `serve`: one lease-owned unit per (source, sink) pair, each
// running on the schedule. A unit reads its source first (under the source's own read lease, and only
// when no other pair read it within half an interval), then reconciles its sink with the local copy.
import { setTimeout as sleep } from 'node:timers/promises';
import type { MicrosoftTenants } from '../../connectors/microsoft/tenants/index.js';
import type { FeatureContext, RunningFeature } from '../../platform/feature/index.js';
import { LeaseStore, type WorkUnit } from '../../platform/leases/index.js';
import type { IntelAppConfig } from '../config.js';
import { runSync, type SinkRuntime, type SyncResult } from '../engine/sync.js';
import type { IntelSource } from '../sources/types.js';
import { IntelRuns } from '../store/runs.js';
import { IntelSinkState } from '../store/sink-state.js';
import { buildIntel } from './build.js';
import { holdLease, pairLease, readLease } from './lease.js';
import { intelHeld, recordRun } from './metrics.js';
import { intelConsole } from './console.js';
import { intelPanel, intelStatus } from './status.js';

/** How often a pair waiting for another pair's read of the same source looks again. */
const READ_WAIT_POLL_MS = 2000;

export interface IntelServices {
  microsoft: MicrosoftTenants;
}

export async function startIntel(
  ctx: FeatureContext<IntelAppConfig, IntelServices>,
): Promise<RunningFeature> {
  const c = ctx.config.intel;
  const logger = ctx.logger.child({ job: 'intel' });
  const built = buildIntel({
    intel: c,
    trustar: ctx.config.trustar,
    taxii: ctx.config.taxii,
    microsoft: ctx.services.microsoft,
  });
  const leases = new LeaseStore(ctx.store);
  const runs = new IntelRuns(ctx.store.db);
  const state = new IntelSinkState(ctx.store.db);
  const intervalMs = c.intervalMinutes * 60_000;
  const pairs = built.sources.flatMap((source) => built.sinks.map((sink) => ({ source, sink })));

  const units: WorkUnit[] = pairs.map(({ source, sink }) => ({
    name: pairLease(source.name, sink.name),
    async run({ signal, lease }) {
      const log = logger.child({ source: source.name, sink: sink.name });
      while (!signal.aborted) {
        try {
          // The read lease's owner is this unit, so the instance's other pairs wait for its read.
          const read = await readIfDue(source, `${lease.owner}/${sink.name}`, signal);
          const result = await runSync(ctx.store.db, [source], [sink], {
            dryRun: false,
            signal,
            skipRead: true,
          });
          result.sources.push(...read.sources);
          recordRun(result, false, Date.now());
          const held = await state.tally(source.name, sink.name, Date.now());
          intelHeld.set({ source: source.name, sink: sink.name }, held.live);
          logResult(log, result);
        } catch (e) {
          if (signal.aborted) break;
          log.error({ err: e }, 'intel sync round failed');
        }
        await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
      }
    },
  }));

  /**
   * Reads the source unless another pair read it within half an interval. When another pair is
   * reading it now, waits for that read and reconciles with it instead of reading again (TruSTAR's
   * quota is per user, and one read feeds every sink).
   */
  async function readIfDue(source: IntelSource, owner: string, signal: AbortSignal): Promise<SyncResult> {
    const empty: SyncResult = { sources: [], pairs: [], clean: true };
    for (;;) {
      const last = await runs.lastCompleted(source.name, null);
      if (last?.finishedAt && Date.now() - last.finishedAt < intervalMs / 2) return empty;
      const held = await holdLease(leases, readLease(source.name), owner, signal);
      if (held)
        try {
          return await runSync(ctx.store.db, [source], [] as SinkRuntime[], {
            dryRun: false,
            signal: held.signal,
          });
        } finally {
          await held.release();
        }
      await sleep(READ_WAIT_POLL_MS, undefined, { signal });
    }
  }

  const statusDeps = {
    runs,
    state,
    pairs: pairs.map((p) => ({ source: p.source.name, sink: p.sink.name })),
    intervalMinutes: c.intervalMinutes,
  };
  return {
    units,
    checks: [
      ...new Set(built.sinks.map((s) => c.sinks[s.name as keyof typeof c.sinks].tenant as string)),
    ].map((t) => ctx.services.microsoft.check(t)),
    status: async () => ({ intel: await intelStatus(statusDeps) }),
    panels: async () => [await intelPanel(statusDeps)],
    console: intelConsole(statusDeps),
    close: () => built.close(),
  };
}

function logResult(log: FeatureContext<unknown>['logger'], r: SyncResult): void {
  for (const s of r.sources)
    log.info(
      { source: s.source, outcome: s.outcome, counts: { ...s.counts, samples: undefined }, error: s.error },
      'intel source read',
    );
  for (const p of r.pairs)
    log[p.outcome === 'failed' ? 'error' : p.outcome === 'refused' ? 'warn' : 'info'](
      {
        source: p.source,
        sink: p.sink,
        outcome: p.outcome,
        counts: { ...p.counts, refusals: undefined },
        error: p.error,
      },
      'intel sink reconciled',
    );
}
