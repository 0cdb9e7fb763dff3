// Paces one sink's calls: at most `calls` in any `windowMs` (the sink's documented limit, a sliding
// window as Microsoft counts it), and none before a 429's wait has passed. A token bucket with a burst
// would pass a sliding-window limit at its first full minute; this one uses the whole limit and never
// more. The sink counts a call when it arrives, which is some time after it starts (a connection
// slot, the network, the sink's own parsing) and varies from call to call, so a window counted from
// starts lets a late arrival and an early one land inside one window of the sink's: a 429. The pacer
// therefore counts each call from when it ended — by then it has certainly arrived — and holds its
// slot while it is out. That costs a call's duration per window (well under 1 % of a minute).
import type { Clock } from '../../platform/http/index.js';

export interface PacerOptions {
  /** Calls allowed per window (Sentinel 100, Defender 30 per minute). */
  calls: number;
  windowMs: number;
  clock: Clock;
}

/** Says the call has ended (answered or failed); calling it again does nothing. */
export type CallDone = () => void;

export class Pacer {
  /** When each recent call ended, ascending. */
  readonly #ends: number[] = [];
  #out = 0;
  #pausedUntil = 0;
  #queue: Promise<unknown> = Promise.resolve();
  /** Wakes a turn that waits because every slot is held by a call still out. */
  #wake: (() => void) | undefined;

  constructor(private readonly o: PacerOptions) {}

  /** Waits for this call's turn; turns are handed out in the order asked. Call `done` when it ends. */
  turn(signal?: AbortSignal): Promise<CallDone> {
    const mine = this.#queue.then(() => this.#wait(signal));
    // The next caller waits for this one's turn whatever became of it.
    this.#queue = mine.catch(() => {});
    return mine;
  }

  /** A 429 said to wait: no call starts before `untilMs`. */
  pauseUntil(untilMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, untilMs);
  }

  async #wait(signal?: AbortSignal): Promise<CallDone> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.o.clock.now();
      while (this.#ends.length > 0 && (this.#ends[0] as number) <= now - this.o.windowMs) this.#ends.shift();
      const full = this.#out + this.#ends.length >= this.o.calls;
      if (full && this.#ends.length === 0) {
        // Every slot is a call still out: the next one to end frees the way.
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        continue;
      }
      const waitForWindow = full ? (this.#ends[0] as number) + this.o.windowMs - now : 0;
      const wait = Math.max(waitForWindow, this.#pausedUntil - now);
      if (wait <= 0) {
        this.#out++;
        return this.#doneOnce();
      }
      await this.o.clock.sleep(wait, signal);
    }
  }

  #doneOnce(): CallDone {
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#out--;
      const at = this.o.clock.now();
      let i = this.#ends.length;
      while (i > 0 && (this.#ends[i - 1] as number) > at) i--;
      this.#ends.splice(i, 0, at);
      const wake = this.#wake;
      this.#wake = undefined;
      wake?.();
    };
  }
}
