// A worker thread of `phishing analyze`: reads and analyses each batch of files it is sent, in order,
// and answers with the rendered outcomes. Reading here, not in the main thread, keeps file I/O and
// parsing off the thread that writes the output.
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalyzeFileOptions } from './analyze-file.js';
import { type FileTask, fileOutcome, type Outcome, type OutputFormat } from './outcome.js';

export interface WorkerSetup {
  options: AnalyzeFileOptions;
  format: OutputFormat;
}

export interface Batch {
  /** Index of the batch's first task in the run's task list. */
  start: number;
  tasks: FileTask[];
}

export interface BatchDone {
  start: number;
  outcomes: Outcome[];
}

const setup = workerData as WorkerSetup;

parentPort?.on('message', async (batch: Batch) => {
  const outcomes: Outcome[] = [];
  for (const t of batch.tasks) outcomes.push(await fileOutcome(t, setup.options, setup.format));
  parentPort?.postMessage({ start: batch.start, outcomes } satisfies BatchDone);
});
