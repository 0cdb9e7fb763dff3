// Stops a running instance cleanly on SIGINT/SIGTERM; a second signal exits at once.
// Ctrl-C in a terminal signals the whole foreground process group, and a wrapper in that group (npm,
// tsx) passes the same signal on once more: a repeat within REPEAT_MS is that echo, not a person
// pressing Ctrl-C again, and must not cut the clean stop short. (npm start runs `node --import tsx`,
// one process: the tsx CLI's own relay SIGKILLs its child when the child is slow to acknowledge a
// signal, which on a loaded machine cut the clean stop short in CI.)
const REPEAT_MS = 1000;

export function stopOnSignals(
  stop: () => Promise<void>,
  log: (msg: string) => void,
  opts: {
    now?: () => number;
    exit?: (code: number) => void;
    on?: (signal: NodeJS.Signals, f: () => void) => void;
  } = {},
): Promise<void> {
  const now = opts.now ?? Date.now;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const on = opts.on ?? ((signal: NodeJS.Signals, f: () => void) => process.on(signal, f));
  return new Promise((resolve) => {
    let firstAt: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (firstAt !== undefined) {
        if (now() - firstAt < REPEAT_MS) return;
        log(`${signal} again: exiting without waiting`);
        exit(130);
        return;
      }
      firstAt = now();
      log(`${signal} received: stopping`);
      stop().then(resolve, (e: unknown) => {
        log(`error while stopping: ${(e as Error).message}`);
        process.exitCode = 1;
        resolve();
      });
    };
    on('SIGINT', () => onSignal('SIGINT'));
    on('SIGTERM', () => onSignal('SIGTERM'));
  });
}
