// One sync run: read each source into the local copy, then reconcile every sink with it, the sinks of
// a source side by side (each has its own pacer). Every read and every (source, sink) reconciliation
// is a row in intel_runs. A failing source still lets its sinks be reconciled with what was read; a
// failing sink stops only its own pair.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { GsocError } from '../../platform/errors.js';
import type { CompiledPolicy } from '../policy/compile.js';
import type { IntelSink } from '../sinks/types.js';
import type { IntelSource } from '../sources/types.js';
import { type RunOutcome, IntelRuns } from '../store/runs.js';
import { IntelSinkState } from '../store/sink-state.js';
import { IntelStaging } from '../store/staging.js';
import { emptySinkCounts, emptySourceCounts, type SinkCounts, type SourceCounts } from './counts.js';
import { ingest } from './ingest.js';
import type { Pacer } from './pacer.js';
import { reconcile } from './reconcile.js';

export interface SinkRuntime {
  /** The configured name (sentinel, defender, graph). */
  name: string;
  sink: IntelSink;
  policy: CompiledPolicy;
  pacer: Pacer;
  concurrency: number;
  /** 429s the sink's client has received so far (its onThrottled count). */
  throttled(): number;
}

export interface SyncOptions {
  dryRun: boolean;
  /** The run's clock; tests and benches move it. */
  now?: () => number;
  signal?: AbortSignal;
  /** Skip reading the sources: reconcile the sinks with what is staged. */
  skipRead?: boolean;
  onSourcePage?(source: string, counts: SourceCounts): void;
  onSinkProgress?(source: string, sink: string, counts: SinkCounts, scanned: number): void;
  /** Called around each pair, to hold that pair's lease; the pair is skipped when it returns false. */
  holdPair?(source: string, sink: string): Promise<(() => Promise<void>) | undefined>;
}

export interface PairResult {
  source: string;
  sink: string;
  outcome: RunOutcome | 'skipped';
  counts: SinkCounts;
  error?: string;
}

export interface SourceResult {
  source: string;
  outcome: RunOutcome;
  counts: SourceCounts;
  error?: string;
}

export interface SyncResult {
  sources: SourceResult[];
  pairs: PairResult[];
  /** Every read and every pair finished and no sink refused a record. */
  clean: boolean;
}

export async function runSync(
  db: Kysely<Database>,
  sources: readonly IntelSource[],
  sinks: readonly SinkRuntime[],
  o: SyncOptions,
): Promise<SyncResult> {
  const now = o.now ?? Date.now;
  const staging = new IntelStaging(db, now);
  const state = new IntelSinkState(db, now);
  const runs = new IntelRuns(db);
  const result: SyncResult = { sources: [], pairs: [], clean: true };
  for (const source of sources) {
    if (!o.skipRead) {
      const read = await readSource(source, staging, runs, o, now);
      result.sources.push(read);
      if (read.outcome !== 'ok') result.clean = false;
    }
    const pairs = await Promise.all(sinks.map((s) => reconcilePair(source.name, s, state, runs, o, now)));
    for (const p of pairs) {
      result.pairs.push(p);
      if (p.outcome !== 'ok' && p.outcome !== 'skipped') result.clean = false;
    }
  }
  return result;
}

async function readSource(
  source: IntelSource,
  staging: IntelStaging,
  runs: IntelRuns,
  o: SyncOptions,
  now: () => number,
): Promise<SourceResult> {
  const started = now();
  const id = await runs.start(source.name, null, started, o.dryRun);
  try {
    const counts = await ingest(source, staging, {
      nowMs: started,
      signal: o.signal,
      onPage: (c) => o.onSourcePage?.(source.name, c),
    });
    await runs.finish(id, now(), 'ok', counts);
    return { source: source.name, outcome: 'ok', counts };
  } catch (e) {
    const counts = (e as { counts?: SourceCounts }).counts ?? emptySourceCounts();
    await runs.finish(id, now(), 'failed', counts, describe(e));
    if (o.signal?.aborted) throw e;
    return { source: source.name, outcome: 'failed', counts, error: describe(e) };
  }
}

async function reconcilePair(
  source: string,
  s: SinkRuntime,
  state: IntelSinkState,
  runs: IntelRuns,
  o: SyncOptions,
  now: () => number,
): Promise<PairResult> {
  const release = o.holdPair ? await o.holdPair(source, s.name) : async () => {};
  if (!release) return { source, sink: s.name, outcome: 'skipped', counts: emptySinkCounts() };
  const started = now();
  const throttledBefore = s.throttled();
  const id = await runs.start(source, s.name, started, o.dryRun);
  let counts = emptySinkCounts();
  try {
    counts = await reconcile({
      source,
      sinkName: s.name,
      sink: s.sink,
      policy: s.policy,
      state,
      pacer: s.pacer,
      nowMs: started,
      dryRun: o.dryRun,
      concurrency: s.concurrency,
      signal: o.signal,
      onProgress: (c, scanned) => {
        counts = c;
        o.onSinkProgress?.(source, s.name, c, scanned);
      },
    });
    counts.throttled = s.throttled() - throttledBefore;
    const outcome: RunOutcome = counts.refused > 0 ? 'refused' : 'ok';
    await runs.finish(id, now(), outcome, counts);
    return { source, sink: s.name, outcome, counts };
  } catch (e) {
    counts.throttled = s.throttled() - throttledBefore;
    await runs.finish(id, now(), 'failed', counts, describe(e));
    if (o.signal?.aborted) throw e;
    return { source, sink: s.name, outcome: 'failed', counts, error: describe(e) };
  } finally {
    await release();
  }
}

const describe = (e: unknown): string =>
  e instanceof GsocError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
