// An in-process sink for the engine's own tests: holds records by key the way an upserting sink
// does, counts every write per key (a second create of a key it does not hold would be a double),
// and fails on demand. The sinks' real behaviour is tested over HTTPS against the emulators.
import type { HeldRecord, IntelSink, RecordOutcome, SinkRecord } from '../../../src/intel/sinks/types.js';
import { HttpStatusError } from '../../../src/platform/http/index.js';

export class FakeSink implements IntelSink {
  readonly kind = 'sentinel' as const;
  readonly held = new Map<string, SinkRecord>();
  readonly withdrawn = new Set<string>();
  readonly creates = new Map<string, number>();
  calls = 0;
  /** Upserts fail as a whole (503 after retries) while this is above 0, counting down. */
  failNext = 0;
  /** Throw from inside the call after the sink stored the batch: a process dying mid-call. */
  dieAfterStore = false;
  /** Values refused per record. */
  readonly refuse = new Set<string>();
  /** A record with this value makes the whole batch a 400, as Sentinel does when nothing is valid. */
  readonly poison = new Set<string>();

  constructor(
    readonly batchSize = 10,
    readonly capacity?: number,
  ) {}

  async upsert(records: readonly SinkRecord[]): Promise<RecordOutcome[]> {
    this.calls++;
    if (this.failNext > 0) {
      this.failNext--;
      throw new HttpStatusError({
        status: 503,
        target: { method: 'POST', host: 'fake', path: '/upload' },
      } as never);
    }
    if (records.some((r) => this.poison.has(r.indicator.value)))
      throw new HttpStatusError({
        status: 400,
        target: { method: 'POST', host: 'fake', path: '/upload' },
      } as never);
    const out: RecordOutcome[] = [];
    for (const r of records) {
      if (this.refuse.has(r.indicator.value)) {
        out.push({ ok: false, code: 'REFUSED', message: `bad ${r.indicator.value}` });
        continue;
      }
      if (this.capacity !== undefined && !this.held.has(r.key) && this.held.size >= this.capacity) {
        out.push({ ok: false, code: 'CAP', message: 'full' });
        continue;
      }
      if (!this.held.has(r.key)) this.creates.set(r.key, (this.creates.get(r.key) ?? 0) + 1);
      this.held.set(r.key, r);
      this.withdrawn.delete(r.key);
      out.push({ ok: true, sinkId: `id-${r.key}` });
    }
    if (this.dieAfterStore) throw new Error('process died');
    return out;
  }

  async withdraw(records: readonly HeldRecord[]): Promise<RecordOutcome[]> {
    this.calls++;
    for (const r of records) {
      this.held.delete(r.key);
      this.creates.delete(r.key);
      this.withdrawn.add(r.key);
    }
    return records.map(() => ({ ok: true }));
  }

  /** Keys created more than once while held: what "doubled" means for a sink. */
  doubled(): number {
    return [...this.creates.values()].filter((n) => n > 1).length;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
