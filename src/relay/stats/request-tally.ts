// What one relay request did upstream: each Graph/Defender call's latency (through the request's
// UpstreamWait, which every outside call of a module already receives) and each 429 (through the
// clients' onThrottled, which is shared per credential and so finds the request by async context).
import { AsyncLocalStorage } from 'node:async_hooks';
import { UpstreamWait } from '../../platform/http/index.js';

export class RequestTally {
  calls = 0;
  latencyMs: number[] = [];
  throttled = 0;
  readonly wait: UpstreamWait;

  constructor() {
    const tally = this;
    // One begin() per outside call, retries and token fetch included: the latency a caller waits.
    this.wait = new (class extends UpstreamWait {
      override begin(): () => void {
        const end = super.begin();
        const started = performance.now();
        tally.calls++;
        let done = false;
        return () => {
          if (done) return;
          done = true;
          tally.latencyMs.push(performance.now() - started);
          end();
        };
      }
    })();
  }

  /** Runs the request's handler so that throttles seen by shared clients are counted here. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return scope.run(this, fn);
  }
}

const scope = new AsyncLocalStorage<RequestTally>();

/** For a client's onThrottled: counts the 429 on the request it happened in (none outside one). */
export function countThrottle(): void {
  const tally = scope.getStore();
  if (tally) tally.throttled++;
}
