// Paces one sink's calls: at most `calls` starts in any `windowMs` (the sink's documented limit, a
// sliding window as Microsoft counts it), and none before a 429's wait has passed. A token bucket with
// a burst would pass a sliding-window limit at its first full minute; this one uses the whole limit
// and never more.
import type { Clock } from '../../platform/http/index.js';

export interface PacerOptions {
  /** Calls allowed per window (Sentinel 100, Defender 30 per minute). */
  calls: number;
  windowMs: number;
  clock: Clock;
}

export class Pacer {
  readonly #starts: number[] = [];
  #pausedUntil = 0;
  #queue: Promise<void> = Promise.resolve();

  constructor(private readonly o: PacerOptions) {}

  /** Waits for this call's turn; turns are handed out in the order asked. */
  turn(signal?: AbortSignal): Promise<void> {
    const mine = this.#queue.then(() => this.#wait(signal));
    // The next caller waits for this one's turn whatever became of it.
    this.#queue = mine.catch(() => {});
    return mine;
  }

  /** A 429 said to wait: no call starts before `untilMs`. */
  pauseUntil(untilMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, untilMs);
  }

  async #wait(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.o.clock.now();
      while (this.#starts.length > 0 && (this.#starts[0] as number) <= now - this.o.windowMs)
        this.#starts.shift();
      const waitForWindow =
        this.#starts.length >= this.o.calls ? (this.#starts[0] as number) + this.o.windowMs - now : 0;
      const wait = Math.max(waitForWindow, this.#pausedUntil - now);
      if (wait <= 0) {
        this.#starts.push(now);
        return;
      }
      await this.o.clock.sleep(wait, signal);
    }
  }
}
