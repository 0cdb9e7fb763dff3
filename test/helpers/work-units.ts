// Work units for lease-runner tests: each records its runs and waits for its abort signal.
import type { Lease, WorkUnit } from '../../src/platform/leases/index.js';

export const untilAborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

export function recordingUnit(name: string) {
  const runs: Array<{ lease: Lease; signal: AbortSignal; ended: boolean }> = [];
  const unit: WorkUnit = {
    name,
    async run({ signal, lease }) {
      const r = { lease, signal, ended: false };
      runs.push(r);
      await untilAborted(signal);
      r.ended = true;
    },
  };
  return { unit, runs };
}
