// The mail-dev bench's speed yardstick: a bare postal-mime parse of the same files on as many worker
// threads as the analysis uses, so that the ratio compares like with like on a machine of any size
// (both sides include starting their threads, the analysis's being the heavier).
import { siblingModule, startWorker } from '../src/platform/worker-thread.js';

const WORKER = siblingModule(import.meta.url, 'mail-dev-bare-worker');

/** Messages per second of a bare parse of `paths` on `threads` worker threads. */
export async function bareParseRate(paths: readonly string[], threads: number): Promise<number> {
  const shares = Array.from({ length: threads }, (_, t) => paths.filter((_, i) => i % threads === t));
  const started = performance.now();
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const w = startWorker(WORKER, { workerData: share });
          w.once('message', () => resolve());
          w.once('error', reject);
          w.once('exit', (code) => {
            if (code !== 0) reject(new Error(`bare parse worker exited with code ${code}`));
          });
        }),
    ),
  );
  return paths.length / ((performance.now() - started) / 1000);
}
