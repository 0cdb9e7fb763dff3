// Stops a running instance cleanly on SIGINT/SIGTERM; a second signal exits at once.
export function stopOnSignals(stop: () => Promise<void>, log: (msg: string) => void): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        log(`${signal} again: exiting without waiting`);
        process.exit(130);
      }
      stopping = true;
      log(`${signal} received: stopping`);
      stop().then(resolve, (e: unknown) => {
        log(`error while stopping: ${(e as Error).message}`);
        process.exitCode = 1;
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
