// Runs a task with console.log silenced. mailauth 4.13.3 prints a debugging line to stdout when a
// signature's l= does not match the body (lib/dkim/dkim-verifier.js), and a message controls that;
// `phishing analyze --json` writes its output to stdout, where a stray line would break the JSON Lines.
// graphsoc itself never uses console.log (its logs are pino's, its CLI output is written to streams).
let depth = 0;
let saved: typeof console.log | undefined;

export async function quietly<T>(task: () => Promise<T>): Promise<T> {
  if (depth++ === 0) {
    saved = console.log;
    console.log = () => {};
  }
  try {
    return await task();
  } finally {
    if (--depth === 0 && saved) {
      console.log = saved;
      saved = undefined;
    }
  }
}
