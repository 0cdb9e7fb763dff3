// An analysis worker for the pool's tests: the real one (analysis-worker.ts), except that a mail with
// an `X-Stand-In` header does what it names once the headers-only record is handed over: `hang` (a
// busy loop, as a pathological pattern would), `crash` (the thread dies, as on running out of
// memory) or `throw` (a bug). Budgets, replacement and the errors are then the pool's own.
import { parentPort } from 'node:worker_threads';
import type { WorkerMessage } from '../../../src/phishing/pipeline/analysis-pool.js';
import { type AnalysisTask, analyseTask } from '../../../src/phishing/pipeline/analysis-task.js';

const port = parentPort;
if (!port) throw new Error('stand-in-worker runs in a worker thread');
const post = (m: WorkerMessage) => port.postMessage(m);

port.on('message', (task: AnalysisTask) => {
  post({ kind: 'started' });
  const asked = /^X-Stand-In: (\w+)/m.exec(Buffer.from(task.mime).toString('latin1'))?.[1];
  analyseTask(task, (result) => {
    post({ kind: 'partial', result });
    if (asked === 'hang') for (;;);
    if (asked === 'crash') process.exit(3);
    if (asked === 'throw') throw new Error('a bug in the analysis');
  }).then(
    (result) => post({ kind: 'done', result }),
    (e: unknown) => post({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
  );
});
post({ kind: 'ready' });
