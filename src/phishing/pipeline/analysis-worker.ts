// A worker thread of the analysis pool (analysis-pool.ts): analyses one report at a time, says when it
// starts (the time budget runs from then, not from the worker's start-up), hands over the headers-only
// record as soon as it has it, then the full one.
import { parentPort } from 'node:worker_threads';
import type { WorkerMessage } from './analysis-pool.js';
import { type AnalysisTask, analyseTask } from './analysis-task.js';

const port = parentPort;
if (!port) throw new Error('analysis-worker runs in a worker thread');
const post = (m: WorkerMessage) => port.postMessage(m);

port.on('message', (task: AnalysisTask) => {
  post({ kind: 'started' });
  analyseTask(task, (result) => post({ kind: 'partial', result })).then(
    (result) => post({ kind: 'done', result }),
    (e: unknown) =>
      post({ kind: 'failed', message: e instanceof Error ? e.message.slice(0, 500) : String(e) }),
  );
});
post({ kind: 'ready' });
