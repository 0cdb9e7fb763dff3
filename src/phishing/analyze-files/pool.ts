// Runs file tasks on worker threads: each worker gets a batch of paths, reads and analyses them, and
// sends back rendered outcomes; a worker that answers gets the next batch, so a slow message holds up
// one worker, not all. Outcomes are delivered by task index; putting them in order is the caller's job.
// The worker module sits next to this one (platform/worker-thread.ts starts it from the build or under tsx).
// A worker that dies after it has answered (out of memory on one message) fails its current batch and
// is replaced; one that dies before answering at all means the environment is broken, and the run fails.
import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '../../platform/worker-thread.js';
import type { AnalyzeFileOptions } from './analyze-file.js';
import { AnalyzeWorkerError } from './errors.js';
import { type FileTask, type Outcome, type OutputFormat, recordOutcome } from './outcome.js';
import { failedRecord } from './record.js';
import type { Batch, BatchDone, WorkerSetup } from './worker.js';

const WORKER_URL = siblingModule(import.meta.url, 'worker');

const newWorker = (setup: WorkerSetup): Worker => startWorker(WORKER_URL, { workerData: setup });

export interface PoolOptions {
  jobs: number;
  options: AnalyzeFileOptions;
  format: OutputFormat;
}

/** Receives outcomes of consecutive tasks from `start`; a returned promise holds back that worker. */
export type Deliver = (start: number, outcomes: Outcome[]) => void | Promise<void>;

/** Small enough to keep every worker busy to the end, large enough that messaging costs nothing. */
export const batchSize = (tasks: number, jobs: number) =>
  Math.max(1, Math.min(32, Math.ceil(tasks / (jobs * 8))));

export function runPool(tasks: readonly FileTask[], o: PoolOptions, deliver: Deliver): Promise<void> {
  const size = batchSize(tasks.length, o.jobs);
  const setup: WorkerSetup = { options: o.options, format: o.format };
  const live = new Set<Worker>();
  let next = 0;
  let failed = false;
  let replacing = 0;

  return new Promise<void>((resolve, reject) => {
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      for (const w of live) void w.terminate();
      reject(err);
    };
    const settle = () => {
      if (!failed && live.size === 0 && replacing === 0) resolve();
    };
    const start = () => {
      const w = newWorker(setup);
      live.add(w);
      let current: Batch | null = null;
      let answered = false;
      let crash: unknown = null;
      const feed = () => {
        if (failed || next >= tasks.length) {
          current = null;
          void w.terminate();
          return;
        }
        current = { start: next, tasks: tasks.slice(next, next + size) };
        next += current.tasks.length;
        w.postMessage(current);
      };
      w.on('message', (m: BatchDone) => {
        answered = true;
        current = null;
        Promise.resolve(deliver(m.start, m.outcomes)).then(feed, fail);
      });
      w.on('error', (err) => {
        crash = err;
      });
      w.on('exit', (code) => {
        live.delete(w);
        if (failed) return;
        const lost = current as Batch | null;
        if (lost) {
          const why = crash instanceof Error ? crash.message : `worker exited with code ${code}`;
          if (!answered) return fail(new AnalyzeWorkerError(why, crash ?? undefined));
          const outcomes = lost.tasks.map((t) =>
            recordOutcome(failedRecord(t.file, 'worker-failed', why.slice(0, 200)), o.format),
          );
          replacing++;
          Promise.resolve(deliver(lost.start, outcomes)).then(() => {
            replacing--;
            if (next < tasks.length && !failed) start();
            else settle();
          }, fail);
          return;
        }
        settle();
      });
      feed();
    };
    const count = Math.max(1, Math.min(o.jobs, Math.ceil(tasks.length / size)));
    if (tasks.length === 0) return resolve();
    for (let i = 0; i < count; i++) start();
  });
}
