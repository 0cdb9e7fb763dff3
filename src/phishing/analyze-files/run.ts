// Runs `phishing analyze` over discovered inputs: unreadable ones are settled at once, stdin in the
// main thread, files on worker threads (or in the main thread for one job or one file). Outcomes are
// handed on strictly in input order, whatever order the workers finish in, so the output of several
// workers equals the output of one.
import type { AnalyzeFileOptions, ReadResult } from './analyze-file.js';
import {
  bytesOutcome,
  type FileTask,
  fileOutcome,
  type Outcome,
  type OutputFormat,
  unreadableOutcome,
} from './outcome.js';
import { runPool } from './pool.js';
import type { Input } from './walk.js';

export interface RunOptions {
  /** Worker threads; 1 analyses in the main thread. */
  jobs: number;
  options: AnalyzeFileOptions;
  format: OutputFormat;
  /** The message on stdin, for the input `-`. */
  readStdin(): Promise<ReadResult>;
}

export interface RunSink {
  /** One outcome, in input order; a returned promise holds back further work until it settles. */
  emit(outcome: Outcome, input: Input): void | Promise<void>;
  /** `n` more inputs finished, in any order. */
  progress?(n: number): void;
}

export async function analyzeInputs(inputs: readonly Input[], o: RunOptions, sink: RunSink): Promise<void> {
  const results: Array<Outcome | undefined> = new Array(inputs.length);
  let emitted = 0;
  let chain: Promise<void> = Promise.resolve();
  const flush = async () => {
    while (emitted < inputs.length && results[emitted] !== undefined) {
      const i = emitted++;
      const outcome = results[i] as Outcome;
      results[i] = undefined;
      await sink.emit(outcome, inputs[i] as Input);
    }
  };
  // Deliveries may overlap (two workers); flushing one after another keeps the order and back-pressure.
  const place = (i: number, outcome: Outcome): Promise<void> => {
    results[i] = outcome;
    sink.progress?.(1);
    chain = chain.then(flush);
    return chain;
  };

  const tasks: FileTask[] = [];
  const indexOf: number[] = [];
  for (const [i, input] of inputs.entries()) {
    if (input.kind === 'unreadable') await place(i, unreadableOutcome(input.file, input.detail, o.format));
    else if (input.kind === 'stdin') {
      const read = await o.readStdin();
      await place(
        i,
        'unreadable' in read
          ? unreadableOutcome('-', read.unreadable, o.format)
          : await bytesOutcome('-', read.bytes, o.options, o.format),
      );
    } else {
      tasks.push({ path: input.path, file: input.file });
      indexOf.push(i);
    }
  }

  if (o.jobs > 1 && tasks.length > 1) {
    await runPool(tasks, { jobs: o.jobs, options: o.options, format: o.format }, async (start, outcomes) => {
      for (const [k, outcome] of outcomes.entries()) results[indexOf[start + k] as number] = outcome;
      sink.progress?.(outcomes.length);
      chain = chain.then(flush);
      await chain;
    });
  } else {
    for (const [k, t] of tasks.entries())
      await place(indexOf[k] as number, await fileOutcome(t, o.options, o.format));
  }
  await chain.then(flush);
}
