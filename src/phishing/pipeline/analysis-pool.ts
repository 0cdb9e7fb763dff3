// The reports' parse and analysis on a few worker threads per instance, off the thread that answers
// webhooks, the relay and the dashboard. Each analysis has a time budget that starts when its worker
// starts on it; past it the worker is terminated (a hanging one cannot be stopped any other way), the
// analysis ends with the headers-only record the worker handed over (or none), and the next analysis
// gets a new worker. Analyses beyond the pool's size wait in order. Workers are started when needed
// and keep the process alive only while they analyse.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { AnalysisFailed, AnalysisUnavailable, AnalysisWorkerDied } from './analysis-errors.js';
import type { AnalysisResult, AnalysisTask } from './analysis-task.js';
import { siblingModule, startWorker } from '../../platform/worker-thread.js';

export type AnalysisOutcome =
  | { kind: 'done'; result: AnalysisResult }
  /** The budget ran out; `partial` is the headers-only record, null when parsing had not finished. */
  | { kind: 'over-budget'; partial: AnalysisResult | null };

/** What the pipeline analyses with: the pool, or a stand-in in tests. */
export interface ReportAnalysis {
  analyse(task: AnalysisTask, budgetMs: number): Promise<AnalysisOutcome>;
}

/** What a worker says, in this order: ready once loaded; per task started, partial (maybe), done or failed. */
export type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'started' }
  | { kind: 'partial'; result: AnalysisResult }
  | { kind: 'done'; result: AnalysisResult }
  | { kind: 'failed'; message: string };

interface Job {
  task: AnalysisTask;
  budgetMs: number;
  resolve(outcome: AnalysisOutcome): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  partial: AnalysisResult | null;
  timer: NodeJS.Timeout | undefined;
  crash: unknown;
}

export interface AnalysisPoolOptions {
  /** Worker threads at most. */
  size?: number;
  /** The worker module (tests give one that crashes or hangs). */
  module?: URL;
  /** A worker not ready this long after it was given its first task cannot start. */
  startMs?: number;
}

/** Two, so one hostile report cannot hold up every other; up to four where CPUs are free for them. */
export const defaultPoolSize = (): number => Math.max(2, Math.min(4, availableParallelism() - 1));

const WORKER = siblingModule(import.meta.url, 'analysis-worker');

export class AnalysisPool implements ReportAnalysis {
  readonly #size: number;
  readonly #module: URL;
  readonly #startMs: number;
  readonly #slots = new Set<Slot>();
  readonly #idle: Slot[] = [];
  readonly #queue: Job[] = [];
  #closed = false;

  constructor(o: AnalysisPoolOptions = {}) {
    this.#size = Math.max(1, o.size ?? defaultPoolSize());
    this.#module = o.module ?? WORKER;
    this.#startMs = o.startMs ?? 60_000;
  }

  analyse(task: AnalysisTask, budgetMs: number): Promise<AnalysisOutcome> {
    if (this.#closed) return Promise.reject(new AnalysisUnavailable('the analysis pool is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ task, budgetMs, resolve, reject });
      this.#dispatch();
    });
  }

  /** Terminates every worker; analyses still waiting or running fail. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0))
      job.reject(new AnalysisUnavailable('the analysis pool is closed'));
    await Promise.all(
      [...this.#slots].map((s) => this.#retire(s, new AnalysisUnavailable('the analysis pool is closed'))),
    );
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#idle.pop() ?? (this.#slots.size < this.#size ? this.#spawn() : undefined);
      if (!slot) return;
      const job = this.#queue.shift() as Job;
      slot.job = job;
      // A worker with an analysis keeps the process alive until it answers; an idle one does not.
      slot.worker.ref();
      slot.partial = null;
      // A worker still starting (tsx compiling under load) gets time of its own, not the budget's.
      if (!slot.ready)
        slot.timer = setTimeout(
          () =>
            void this.#retire(
              slot,
              new AnalysisUnavailable(`a worker did not start within ${this.#startMs} ms`),
            ),
          this.#startMs,
        );
      slot.worker.postMessage(job.task);
    }
  }

  #spawn(): Slot {
    const worker = startWorker(this.#module);
    const slot: Slot = { worker, ready: false, job: null, partial: null, timer: undefined, crash: undefined };
    this.#slots.add(slot);
    worker.on('message', (m: WorkerMessage) => this.#message(slot, m));
    worker.on('error', (err) => {
      slot.crash = err;
    });
    worker.on('exit', (code) => {
      const why = slot.crash instanceof Error ? slot.crash.message : `the worker exited with code ${code}`;
      void this.#retire(
        slot,
        slot.ready ? new AnalysisWorkerDied(why, slot.crash) : new AnalysisUnavailable(why, slot.crash),
      );
    });
    // Idle until dispatched. After the listeners: adding a 'message' listener refs the worker (Node 20).
    worker.unref();
    return slot;
  }

  #message(slot: Slot, m: WorkerMessage): void {
    if (m.kind === 'ready') {
      slot.ready = true;
      return;
    }
    const job = slot.job;
    // A message of an analysis already given up on (its budget ran out while the worker answered).
    if (!job) return;
    if (m.kind === 'started') {
      slot.ready = true;
      clearTimeout(slot.timer);
      slot.timer = setTimeout(() => this.#overBudget(slot), job.budgetMs);
    } else if (m.kind === 'partial') {
      slot.partial = m.result;
    } else {
      clearTimeout(slot.timer);
      slot.job = null;
      slot.partial = null;
      slot.worker.unref();
      this.#idle.push(slot);
      if (m.kind === 'done') job.resolve({ kind: 'done', result: m.result });
      else job.reject(new AnalysisFailed(m.message));
      this.#dispatch();
    }
  }

  #overBudget(slot: Slot): void {
    const job = slot.job;
    const partial = slot.partial;
    slot.job = null;
    void this.#retire(slot);
    job?.resolve({ kind: 'over-budget', partial });
  }

  /** Takes the worker out of the pool and terminates it; its analysis, if any, fails with `error`. */
  async #retire(slot: Slot, error?: unknown): Promise<void> {
    if (!this.#slots.delete(slot)) return;
    clearTimeout(slot.timer);
    const idle = this.#idle.indexOf(slot);
    if (idle !== -1) this.#idle.splice(idle, 1);
    const job = slot.job;
    slot.job = null;
    if (job) job.reject(error);
    // A new worker for whatever waits.
    if (!this.#closed) this.#dispatch();
    await slot.worker.terminate();
  }
}

let shared: AnalysisPool | undefined;

/** The instance's pool, made on first use. */
export function sharedAnalysisPool(): AnalysisPool {
  shared ??= new AnalysisPool();
  return shared;
}
