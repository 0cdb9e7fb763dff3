// Benchmark of the threat-intel sync (run: npm run bench:intel): BENCH_SIZE TruSTAR observables
// (default 1,000,000) into Sentinel and Defender, in compressed time. Prints one JSON line.
//
// Set-up. The emulators (TruSTAR, Entra, Sentinel, Defender) run in a child process, so `peakRssMb`
// is the sync's process alone (its maxRSS, checks and the transform pass included). The database is
// SQLite in a temp dir, or BENCH_DB (a postgres:// URL). Time is compressed by BENCH_TIME_SCALE
// (default 10, so a 2-CPU machine keeps up with the sinks' allowance; at 30 the sync itself, not the
// pacer, is what limits Sentinel): the emulators' rate windows are a minute / scale, and so is each sink's
// `rateWindowSeconds` (the Pacer's window), so the product paces against the emulated limit exactly as
// it would against the real one; only CPU time is not compressed. Sinks are built by the product's
// buildIntel; only the TruSTAR client drops its 1 call/s pace (the read is not what is measured).
//
// Phases. 1 full: read everything, reconcile both sinks (side by side, as a run does). 2 unchanged:
// the same again; it must make no upload call. 3 changed: 1 % of the observables get new tags and a
// later lastSeen (emulator control); the run must send those and nothing else. 4 displace: 16,500
// observables of Defender's types get a still later lastSeen, so they outrank the 15,000 Defender
// holds: Defender withdraws its 15,000 (30 BatchDelete calls) and imports the new best (30 import
// calls), while Sentinel updates them.
//
// Memory. `npm run bench:intel` runs the sync with --max-old-space-size=128 (`heapLimitMb`): the
// sync's live set is a page of rows, a few batches and, for Defender, its 15,000, so it runs in that
// heap at any size; without the cap V8 lets garbage pile up to several hundred MB before collecting,
// which measures V8's laziness, not the sync. About 120 MB of the RSS is graphsoc's code (every
// feature loaded, as `serve` has it) before the first row is read.
//
// Figures.
// - rateUse: calls / (limit × windows), windows = (last call's start − first call's start) / window + 1:
//   the share of the allowance used while the sink was sending (a sender exactly at the limit makes
//   its k-th `limit` calls at (k−1) windows, so it scores 1). Sentinel's is measured on phase 1 (10,000
//   calls of 100). Defender holds only 15,000 (30 calls of 500, one window's allowance, spent at
//   once), so phase 1 cannot tell pacing from bursting; phase 4's 60 calls need two windows at least,
//   which is where its figure comes from. `fromPairStart` counts from the start of the pair's
//   reconciliation instead, so it also charges the engine's own reading before the first call.
// - transforms: a pure pass (intel-transforms.ts): createIndicator + decide (Sentinel) +
//   toStixIndicator per CPU second and per wall second, over up to 200,000 staged indicators.
// - lost / doubled: read back from the emulators (intel-check.ts). Sentinel: objects missing, revoked,
//   or with more versions than the bench's changes explain; ids nobody should have sent. Defender:
//   the top 15,000 missing, others held, a value stored twice, or a value written twice in one run.
// - 429s: what the sinks' emulators answered 429 (the engine's own count beside it).
import { fork } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { runSync, type SyncResult } from '../src/intel/engine/sync.js';
import { IntelStaging } from '../src/intel/store/staging.js';
import { checkDefender, checkSentinel, keyOfObservable } from './intel-check.js';
import { emulatorChild, type Msg, type SinkTraffic } from './intel-emulators.js';
import { measureTransforms } from './intel-transforms.js';
import { buildBenchSync, type NotedSink, openBenchDb } from './intel-wiring.js';

const SIZE = Number(process.env.BENCH_SIZE ?? 1_000_000);
const SCALE = Number(process.env.BENCH_TIME_SCALE ?? 10);
const DEFENDER_CAP = 15_000;
const DAY = 86_400_000;

const log = (msg: string) => process.stderr.write(`[bench:intel] ${msg}\n`);
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function rate(s: NotedSink, pairStart: number) {
  const n = s.starts.length;
  if (n === 0) return { calls: 0 };
  const first = s.starts[0] as number;
  const last = s.starts[n - 1] as number;
  return {
    calls: n,
    rateUse: r3(n / (s.limit * ((last - first) / s.windowMs + 1))),
    fromPairStart: r3(n / (s.limit * ((last - pairStart) / s.windowMs + 1))),
    // One window is one compressed minute.
    sendingMinutes: r3((last - first) / s.windowMs),
    firstCallAfterMinutes: r3((first - pairStart) / s.windowMs),
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const t0 = Date.now();
  // The corpus ends an hour back, inside what the source's first read covers (it lags 15 minutes).
  const start = {
    size: SIZE,
    timeScale: SCALE,
    corpusEndMs: Math.floor(t0 / 60_000) * 60_000 - 3_600_000,
    corpusSpanMs: 7 * DAY,
  };
  const child = fork(fileURLToPath(import.meta.url), ['--emulator', JSON.stringify(start)], {
    execArgv: [...(import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : []), '--max-old-space-size=12288'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const waiting = new Map<number | string, (m: Msg) => void>();
  child.on('message', (m: Msg) => {
    const key = m.id ?? m.op;
    waiting.get(key)?.(m);
    waiting.delete(key);
  });
  const ask = (msg: Record<string, unknown>) =>
    new Promise<Msg>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, (m) => (m.error ? reject(new Error(String(m.error))) : resolve(m)));
      child.send({ ...msg, id });
    });
  const ready = await new Promise<Msg>((resolve) => waiting.set('ready', resolve));
  const traffic = async () => (await ask({ op: 'traffic' })).traffic as SinkTraffic;

  const db = await openBenchDb();
  const bench = buildBenchSync(db.store, ready, SCALE);
  const staging = new IntelStaging(db.store.db);
  const highWater = async () => JSON.parse((await staging.cursor('trustar')) ?? '{}').highWater as number;

  const phase = async (name: string) => {
    for (const s of bench.sinks) s.starts.length = 0;
    const before = await traffic();
    const r0 = performance.now();
    const read = await runSync(db.store.db, [bench.source], [], { dryRun: false });
    const r1 = performance.now();
    const rec = await runSync(db.store.db, [bench.source], bench.sinks, { dryRun: false, skipRead: true });
    const r2 = performance.now();
    const after = await traffic();
    const writes = await ask({ op: 'writesDiff' });
    const m = process.memoryUsage();
    log(
      `${name}: read ${Math.round(r1 - r0)} ms, reconcile ${Math.round(r2 - r1)} ms, peak rss ${mb()} MB (now: rss ${m.rss >> 20}, heap ${m.heapTotal >> 20}/${m.heapUsed >> 20}, external ${m.external >> 20}, buffers ${m.arrayBuffers >> 20} MB)`,
    );
    // The call starts are the sinks' of this phase only: figures are taken now.
    const p = { read, rec, r1 };
    const sinks = Object.fromEntries(bench.sinks.map((s) => [s.name, sinkFigures(p, s)]));
    return { name, read, rec, readMs: r1 - r0, reconcileMs: r2 - r1, before, after, writes, sinks };
  };
  type Phase = Awaited<ReturnType<typeof phase>>;
  const sinkFigures = (p: { rec: SyncResult; r1: number }, s: NotedSink) => {
    const found = p.rec.pairs.find((x) => x.sink === s.name);
    const c = found?.counts;
    return {
      outcome: found?.outcome,
      new: c?.new,
      updated: c?.updated,
      withdrawn: c?.withdrawn,
      unchanged: c?.unchanged,
      leftOutByCap: c?.leftOutByCap,
      engine429: c?.throttled,
      ...rate(s, p.r1),
    };
  };
  const uploads = (p: Phase) => ({
    sentinel: p.after.sentinelUploads - p.before.sentinelUploads,
    defender:
      p.after.defenderImports + p.after.defenderDeletes - p.before.defenderImports - p.before.defenderDeletes,
  });
  const [sentinel, defender] = bench.sinks as [NotedSink, NotedSink];

  // 1. Everything.
  const full = await phase('full');
  // 2. Nothing changed.
  const same = await phase('unchanged');
  // 3. One observable in a hundred changed, seen after the last read's high-water mark.
  const count3 = Math.round(SIZE / 100);
  const ch3 = await ask({
    op: 'change',
    run: 3,
    from: 7,
    step: 100,
    count: count3,
    lastSeen: (await highWater()) + 1,
  });
  const changed3 = ch3.changed as Array<{ type: string; value: string }>;
  const changedPhase = await phase('changed');
  // 4. Enough fresher Defender-type observables to displace all Defender holds.
  const count4 = Math.ceil(DEFENDER_CAP * 1.1);
  const step4 = 5 * Math.max(1, Math.floor((SIZE * 0.8) / (5 * count4)));
  const ch4 = await ask({
    op: 'change',
    run: 4,
    from: 1,
    step: step4,
    count: count4,
    defenderOnly: true,
    lastSeen: (await highWater()) + 1,
  });
  const changed4 = ch4.changed as Array<{ type: string; value: string }>;
  const displace = await phase('displace');
  const rssSync = mb();

  const nowMs = Date.now();
  const keys = (list: Array<{ type: string; value: string }>) =>
    new Set(list.map(keyOfObservable).filter((k): k is string => k !== undefined));
  const sCheck = await checkSentinel(
    db.store.db,
    sentinel.policy,
    nowMs,
    [keys(changed3), keys(changed4)],
    ask,
  );
  const dCheck = await checkDefender(db.store.db, defender.policy, DEFENDER_CAP, nowMs, ask);
  log(`checks done, rss ${mb()} MB`);
  const transforms = await measureTransforms(db.store.db, sentinel.policy, 200_000);
  const end = await traffic();
  const phases = [full, same, changedPhase, displace];
  const twiceInARun = phases.reduce((n, p) => n + (p.writes.twice as number), 0);

  const out = {
    bench: 'intel',
    size: SIZE,
    timeScale: SCALE,
    db: db.store.dialect,
    emulators: 'child process',
    wallSeconds: Math.round((performance.now() - started) / 1000),
    peakRssMb: mb(),
    peakRssMbBeforeChecks: rssSync,
    heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1_048_576),
    transforms,
    read: {
      seconds: r3(full.readMs / 1000),
      ...pick(full.read.sources[0]?.counts, ['pages', 'read', 'new', 'rejected']),
    },
    full: { reconcileSeconds: r3(full.reconcileMs / 1000), ...full.sinks },
    unchanged: {
      uploadCalls: uploads(same),
      staged: pick(same.read.sources[0]?.counts, ['read', 'changed']),
    },
    changed: {
      observablesChanged: changed3.length,
      stagedChanged: changedPhase.read.sources[0]?.counts.changed,
      uploadCalls: uploads(changedPhase),
      ...changedPhase.sinks,
    },
    displace: {
      observablesChanged: changed4.length,
      uploadCalls: uploads(displace),
      ...displace.sinks,
    },
    http429: { sentinel: end.sentinel429, defender: end.defender429 },
    lost: { sentinel: sCheck.lost, defender: dCheck.lost },
    doubled: { sentinel: sCheck.doubled + sCheck.unexpected, defender: dCheck.storedTwice + twiceInARun },
    check: { sentinel: sCheck, defender: { ...dCheck, writtenTwiceInARun: twiceInARun } },
    allRunsClean: phases.every((p) => p.read.clean && p.rec.clean),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  await bench.close();
  await db.store.close();
  db.cleanup();
  child.disconnect();
}

function pick<T extends object>(o: T | undefined, keys: Array<keyof T>): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, o?.[k]])) as Partial<T>;
}

if (process.argv[2] === '--emulator') await emulatorChild(JSON.parse(process.argv[3] as string));
else
  main().catch((e: unknown) => {
    process.stderr.write(`bench:intel failed: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
