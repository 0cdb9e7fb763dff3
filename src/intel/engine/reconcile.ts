// One (source, sink) reconciliation: read the source's staged indicators in key order with what the
// sink holds of each, decide each one with the sink's policy, and send only the difference: new and
// changed records, withdrawals of revoked or excluded ones. Batches go out as the sink's pacer
// allows and each is committed as it is answered, so a run that stops resumes at the last committed
// batch: records already committed compare equal and are not sent again.
import { HttpStatusError } from '../../platform/http/index.js';
import type { Indicator } from '../model/indicator.js';
import type { CompiledPolicy } from '../policy/compile.js';
import { type Decision, decide, type Send } from '../policy/decide.js';
import type { HeldRecord, IntelSink, RecordOutcome, SinkRecord } from '../sinks/types.js';
import type { IntelSinkState, ScanRow, StateWrite } from '../store/sink-state.js';
import { type Ranked, TopK } from './capacity.js';
import { emptySinkCounts, MAX_SAMPLES, type SinkCounts } from './counts.js';
import { SinkCallError } from '../errors.js';
import type { Pacer } from './pacer.js';

export interface ReconcileOptions {
  source: string;
  /** The sink's configured name (the state's key), e.g. `sentinel`. */
  sinkName: string;
  sink: IntelSink;
  policy: CompiledPolicy;
  state: IntelSinkState;
  pacer: Pacer;
  nowMs: number;
  dryRun: boolean;
  /** Batches in flight at once; enough to keep the pacer's window full while calls take time. */
  concurrency: number;
  /** Staged rows read per query. */
  scanPage?: number;
  signal?: AbortSignal;
  /** After every scanned page: the counts so far and the rows scanned. */
  onProgress?(counts: SinkCounts, scanned: number): void;
}

type Job =
  | { op: 'upsert'; records: SinkRecord[]; kinds: Array<'new' | 'updated'> }
  | { op: 'withdraw'; records: HeldRecord[]; why: Array<'revoked' | 'withdrawn'>; fingerprints: string[] };

const DEFAULT_SCAN_PAGE = 1000;
/** Kept keys read back per query in a capped sink's send pass. */
const KEYS_PER_READ = 500;

export async function reconcile(o: ReconcileOptions): Promise<SinkCounts> {
  const counts = emptySinkCounts();
  const { source, sinkName, sink, state } = o;
  if (!o.dryRun && sink.recover) {
    const unsure = await state.inFlight(source, sinkName);
    if (unsure.length > 0) {
      await sink.recover(unsure.map(heldOf), o.signal);
      await state.clearInFlight(
        source,
        sinkName,
        unsure.map((r) => r.key),
      );
    }
  }
  const foreign = sink.foreignValues ? await sink.foreignValues(o.signal) : new Set<string>();
  const sender = new Sender(o, counts);
  if (sink.capacity === undefined) await reconcileAll(o, counts, foreign, sender);
  else {
    const room = sink.capacity - foreign.size - (await state.liveFromOtherSources(sinkName, source, o.nowMs));
    await reconcileCapped(o, counts, foreign, Math.max(0, room), sender);
  }
  await sender.drain();
  return counts;
}

/** A sink without a cap: one pass over the local copy, each row sent, withdrawn or left as it is. */
async function reconcileAll(
  o: ReconcileOptions,
  counts: SinkCounts,
  foreign: ReadonlySet<string>,
  sender: Sender,
) {
  await scanAll(o, counts, sender, async (row, ind, d, held) => {
    if (d.kind !== 'send') sender.withdraw(row, ind, withdrawalOf(d));
    else if (foreign.has(valueKey(ind))) counts.foreign++;
    else planSend(row, ind, d, held, counts, sender);
    await sender.pump();
  });
  await sender.flush();
}

/**
 * A sink that holds at most `room` (Defender's 15,000): one pass over the local copy ranks what it
 * would receive and notes what it holds; then it withdraws what fell out (freeing room first), and
 * sends the best `room`, reading back only those rows. A million-row source costs one full scan.
 */
async function reconcileCapped(
  o: ReconcileOptions,
  counts: SinkCounts,
  foreign: ReadonlySet<string>,
  room: number,
  sender: Sender,
) {
  const top = new TopK(room);
  // What the sink holds now: at most its capacity, so it fits in memory.
  const held: Array<{ row: ScanRow; ind: Indicator; d: Decision }> = [];
  await scanAll(o, counts, sender, async (row, ind, d, isHeld) => {
    if (d.kind === 'send') {
      if (foreign.has(valueKey(ind))) {
        counts.foreign++;
        return;
      }
      top.offer(rankOf(row.key, ind, d));
    }
    if (isHeld) held.push({ row, ind, d });
  });
  for (const h of held) {
    if (h.d.kind !== 'send') sender.withdraw(h.row, h.ind, withdrawalOf(h.d));
    else if (!top.keeps(rankOf(h.row.key, h.ind, h.d))) sender.withdraw(h.row, h.ind, 'withdrawn');
    await sender.pump();
  }
  await sender.flush();
  const kept = top.keys().sort();
  for (let i = 0; i < kept.length; i += KEYS_PER_READ) {
    o.signal?.throwIfAborted();
    sender.throwIfFailed();
    for (const row of await o.state.rowsByKeys(o.source, o.sinkName, kept.slice(i, i + KEYS_PER_READ))) {
      const ind = JSON.parse(row.indicator) as Indicator;
      const d = decide(ind, o.policy, o.nowMs);
      if (d.kind === 'send') planSend(row, ind, d, isHeldRow(row, o.nowMs), counts, sender);
      await sender.pump();
    }
  }
  await sender.flush();
  counts.leftOutByCap = Math.max(0, top.offered - top.capacity);
}

/**
 * Every staged row of the source in key order with its decision; rows the sink does not hold and
 * will not receive are counted here (skipped, or expired when the sink dropped them by itself).
 */
async function scanAll(
  o: ReconcileOptions,
  counts: SinkCounts,
  sender: Sender,
  each: (row: ScanRow, ind: Indicator, d: Decision, held: boolean) => Promise<void>,
): Promise<void> {
  let after: string | null = null;
  let scanned = 0;
  for (;;) {
    o.signal?.throwIfAborted();
    sender.throwIfFailed();
    const rows = await o.state.scan(o.source, o.sinkName, after, o.scanPage ?? DEFAULT_SCAN_PAGE);
    if (rows.length === 0) return;
    after = (rows[rows.length - 1] as ScanRow).key;
    const quiet: StateWrite[] = [];
    for (const row of rows) {
      const ind = JSON.parse(row.indicator) as Indicator;
      const d = decide(ind, o.policy, o.nowMs);
      const held = isHeldRow(row, o.nowMs);
      // Not sent and not held: nothing to send or withdraw, only to count.
      if (d.kind !== 'send' && !held) {
        if (row.status === 'live') {
          // Past its expiry: the sink has dropped it (Defender deletes, Sentinel marks it expired).
          counts.expired++;
          quiet.push({
            key: row.key,
            status: 'expired',
            fingerprint: row.fingerprint ?? '',
            expiresAt: row.expiresAt,
            sinkId: row.sinkId,
            error: null,
          });
        } else if (row.status === null) counts.skipped++;
        continue;
      }
      await each(row, ind, d, held);
    }
    if (!o.dryRun && quiet.length > 0) await o.state.commit(o.source, o.sinkName, quiet);
    scanned += rows.length;
    o.onProgress?.(counts, scanned);
  }
}

/** Sends a record unless the sink holds it as it is, or refused it as it is. */
function planSend(
  row: ScanRow,
  ind: Indicator,
  d: Send,
  held: boolean,
  counts: SinkCounts,
  sender: Sender,
): void {
  if (held && row.fingerprint === d.fingerprint) counts.unchanged++;
  else if (row.status === 'refused' && row.fingerprint === d.fingerprint) counts.stillRefused++;
  else sender.upsert(row, ind, d, held ? 'updated' : 'new');
}

const isHeldRow = (row: ScanRow, nowMs: number): boolean =>
  row.status === 'live' && row.expiresAt !== null && row.expiresAt > nowMs;

const withdrawalOf = (d: Decision): 'revoked' | 'withdrawn' =>
  d.kind === 'expire' && d.reason === 'REVOKED' ? 'revoked' : 'withdrawn';

const valueKey = (i: Pick<Indicator, 'type' | 'value'>): string => `${i.type}|${i.value}`;

function rankOf(key: string, ind: Indicator, d: Send): Ranked {
  return { score: d.confidence, lastSeenMs: ind.lastSeenMs, key };
}

function heldOf(row: ScanRow): HeldRecord {
  return { key: row.key, indicator: JSON.parse(row.indicator) as Indicator, sinkId: row.sinkId };
}

/** Fills batches to the sink's size and sends them, `concurrency` at a time, each committed on its answer. */
class Sender {
  #upserts: Job & { op: 'upsert' } = { op: 'upsert', records: [], kinds: [] };
  #withdrawals: Job & { op: 'withdraw' } = { op: 'withdraw', records: [], why: [], fingerprints: [] };
  readonly #inFlight = new Set<Promise<void>>();
  #failure: unknown;

  constructor(
    private readonly o: ReconcileOptions,
    private readonly counts: SinkCounts,
  ) {}

  upsert(row: ScanRow, indicator: Indicator, send: Send, kind: 'new' | 'updated'): void {
    this.counts.actions[send.action]++;
    this.#upserts.records.push({
      key: row.key,
      indicator,
      send,
      held: kind === 'updated',
      sinkId: row.sinkId,
    });
    this.#upserts.kinds.push(kind);
  }

  withdraw(row: ScanRow, indicator: Indicator, why: 'revoked' | 'withdrawn'): void {
    this.#withdrawals.records.push({ key: row.key, indicator, sinkId: row.sinkId });
    this.#withdrawals.why.push(why);
    this.#withdrawals.fingerprints.push(row.fingerprint ?? '');
  }

  /**
   * Sends the batches that are full, each when a slot is free: at most `concurrency` calls are out,
   * and after a failure nothing more is sent.
   */
  async pump(): Promise<void> {
    const size = this.o.sink.batchSize;
    while (this.#withdrawals.records.length >= size || this.#upserts.records.length >= size) {
      await this.#room();
      this.throwIfFailed();
      this.#dispatch(
        this.#withdrawals.records.length >= size ? this.#takeWithdrawals() : this.#takeUpserts(),
      );
    }
  }

  /** Sends what is left in the partial batches. */
  async flush(): Promise<void> {
    for (const take of [() => this.#takeWithdrawals(), () => this.#takeUpserts()]) {
      await this.#room();
      this.throwIfFailed();
      const job = take();
      if (job.records.length > 0) this.#dispatch(job);
    }
    await this.drain();
  }

  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.race(this.#inFlight);
    this.throwIfFailed();
  }

  throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }

  #takeUpserts(): Job {
    const job = this.#upserts;
    this.#upserts = { op: 'upsert', records: [], kinds: [] };
    return job;
  }

  #takeWithdrawals(): Job {
    const job = this.#withdrawals;
    this.#withdrawals = { op: 'withdraw', records: [], why: [], fingerprints: [] };
    return job;
  }

  #dispatch(job: Job): void {
    if (this.o.dryRun) {
      this.#account(
        job,
        job.records.map(() => ({ ok: true }) as RecordOutcome),
      );
      return;
    }
    const p = this.#run(job).catch((e) => {
      this.#failure ??= e;
    });
    this.#inFlight.add(p);
    void p.finally(() => this.#inFlight.delete(p));
  }

  async #room(): Promise<void> {
    while (this.#inFlight.size >= this.o.concurrency) await Promise.race(this.#inFlight);
  }

  async #run(job: Job): Promise<void> {
    const outcomes = await this.#call(job);
    const writes = this.#account(job, outcomes);
    await this.o.state.commit(this.o.source, this.o.sinkName, writes);
  }

  /**
   * One call, paced. A batch the sink refuses as a whole for its content (400, 413) is split in two
   * until the record it objects to stands alone and is refused by itself: one bad record must not
   * hold back the other 99, nor stop every later run.
   */
  async #call(job: Job): Promise<RecordOutcome[]> {
    const { sink, pacer, signal } = this.o;
    if (job.op === 'upsert' && sink.recover)
      await this.o.state.markInFlight(
        this.o.source,
        this.o.sinkName,
        job.records.map((r) => r.key),
      );
    const done = await pacer.turn(signal);
    this.counts.calls++;
    try {
      return job.op === 'upsert'
        ? await sink.upsert(job.records, signal)
        : await sink.withdraw(job.records, signal);
    } catch (e) {
      // The call is over: its halves below take turns of their own.
      done();
      if (!(e instanceof HttpStatusError) || (e.status !== 400 && e.status !== 413))
        throw new SinkCallError(this.o.sinkName, e);
      if (job.records.length === 1) return [{ ok: false, code: `HTTP_${e.status}`, message: e.message }];
      const half = Math.ceil(job.records.length / 2);
      const [a, b] = split(job, half);
      return [...(await this.#call(a)), ...(await this.#call(b))];
    } finally {
      done();
    }
  }

  /** Counts the outcomes and turns them into state rows. */
  #account(job: Job, outcomes: readonly RecordOutcome[]): StateWrite[] {
    const writes: StateWrite[] = [];
    job.records.forEach((r, i) => {
      const out = outcomes[i] ?? {
        ok: false,
        code: 'NO_ANSWER',
        message: 'the sink answered fewer records than it was sent',
      };
      if (job.op === 'upsert') {
        const rec = r as SinkRecord;
        if (out.ok) {
          this.counts[job.kinds[i] as 'new' | 'updated']++;
          writes.push({
            key: rec.key,
            status: 'live',
            fingerprint: rec.send.fingerprint,
            expiresAt: rec.send.expiresAtMs,
            sinkId: out.sinkId ?? rec.sinkId,
            error: null,
          });
        } else {
          this.#refused(rec.key, out);
          writes.push({
            key: rec.key,
            status: 'refused',
            fingerprint: rec.send.fingerprint,
            expiresAt: null,
            sinkId: rec.sinkId,
            error: `${out.code}: ${out.message}`,
          });
        }
      } else {
        const rec = r as HeldRecord;
        if (out.ok) {
          this.counts[job.why[i] as 'revoked' | 'withdrawn']++;
          writes.push({
            key: rec.key,
            status: 'withdrawn',
            fingerprint: job.fingerprints[i] ?? '',
            expiresAt: null,
            sinkId: rec.sinkId,
            error: null,
          });
        } else this.#refused(rec.key, out);
      }
    });
    return writes;
  }

  #refused(key: string, out: { code: string; message: string }): void {
    this.counts.refused++;
    if (this.counts.refusals.length < MAX_SAMPLES)
      this.counts.refusals.push({ key, error: `${out.code}: ${out.message}` });
  }
}

function split(job: Job, at: number): [Job, Job] {
  if (job.op === 'upsert')
    return [
      { op: 'upsert', records: job.records.slice(0, at), kinds: job.kinds.slice(0, at) },
      { op: 'upsert', records: job.records.slice(at), kinds: job.kinds.slice(at) },
    ];
  return [
    {
      op: 'withdraw',
      records: job.records.slice(0, at),
      why: job.why.slice(0, at),
      fingerprints: job.fingerprints.slice(0, at),
    },
    {
      op: 'withdraw',
      records: job.records.slice(at),
      why: job.why.slice(at),
      fingerprints: job.fingerprints.slice(at),
    },
  ];
}
