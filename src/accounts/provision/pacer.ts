// Paces the feature's Graph writes: at most `writes` in any `windowMs` (the directory's quota per app
// and tenant, 3,000 per 150 s), and none while a 429's Retry-After holds. Each write is counted from
// when it ENDED, not when it started: a write waits in the HTTP client (connection slots, the
// network) before Graph counts it, so a window counted from starts let two bursts land inside one of
// Graph's windows and drew 429s (the intel sync's pacer learned this; features may not import each
// other, so this is the same idea written for writes). Its slot is held while the write is out. Reads
// never come here. A 429 answered to a write here is repeated after the hold (Graph did not act on
// it), a few times, before the caller sees it.
import { HttpStatusError } from '../../platform/http/index.js';
import { type Clock, systemClock } from '../../platform/http/index.js';

export interface WritePacerOptions {
  writesPerWindow: number;
  windowMs: number;
  clock?: Clock;
  /** Times one write answered 429 is sent again (after the hold) before the 429 reaches the caller. */
  throttleRetries?: number;
  /** The hold after a 429 without Retry-After. */
  defaultHoldMs?: number;
}

export interface PacerCounts {
  /** Writes sent (each attempt). */
  sent: number;
  /** Of them answered 429. */
  throttled: number;
}

export class WritePacer {
  readonly #o: Required<WritePacerOptions>;
  /** When each recent write ended, ascending; live entries from #head on. */
  #ends: number[] = [];
  #head = 0;
  #out = 0;
  #heldUntil = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #wake: (() => void) | undefined;
  readonly #counts: PacerCounts = { sent: 0, throttled: 0 };

  constructor(o: WritePacerOptions) {
    this.#o = {
      clock: systemClock,
      throttleRetries: 3,
      defaultHoldMs: 1000,
      ...o,
    };
  }

  counts(): PacerCounts {
    return { ...this.#counts };
  }

  /** No write starts before `atMs` (a 429's Retry-After, from here or from the client's onThrottled). */
  holdUntil(atMs: number): void {
    this.#heldUntil = Math.max(this.#heldUntil, atMs);
  }

  /** Runs `call` (one Graph write) in its turn; a 429 holds every later write and is repeated here. */
  async write<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const done = await this.#turn(signal);
      this.#counts.sent++;
      try {
        return await call();
      } catch (e) {
        if (!(e instanceof HttpStatusError) || e.status !== 429) throw e;
        this.#counts.throttled++;
        this.holdUntil(this.#o.clock.now() + (e.retryAfterMs ?? this.#o.defaultHoldMs));
        if (attempt >= this.#o.throttleRetries) throw e;
      } finally {
        done();
      }
    }
  }

  /** Turns are handed out in the order asked; the next waits for this one's whatever became of it. */
  #turn(signal?: AbortSignal): Promise<() => void> {
    const mine = this.#queue.then(() => this.#wait(signal));
    this.#queue = mine.catch(() => {});
    return mine;
  }

  async #wait(signal?: AbortSignal): Promise<() => void> {
    const { clock, windowMs, writesPerWindow } = this.#o;
    for (;;) {
      signal?.throwIfAborted();
      const now = clock.now();
      while (this.#head < this.#ends.length && (this.#ends[this.#head] as number) <= now - windowMs)
        this.#head++;
      if (this.#head > 1024 && this.#head * 2 > this.#ends.length) {
        this.#ends = this.#ends.slice(this.#head);
        this.#head = 0;
      }
      const counted = this.#ends.length - this.#head;
      const full = this.#out + counted >= writesPerWindow;
      if (full && counted === 0) {
        // Every slot is a write still out: the first to end frees the way.
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        continue;
      }
      const windowWait = full ? (this.#ends[this.#head] as number) + windowMs - now : 0;
      const wait = Math.max(windowWait, this.#heldUntil - now);
      if (wait <= 0) {
        this.#out++;
        return this.#doneOnce();
      }
      await clock.sleep(wait, signal);
    }
  }

  #doneOnce(): () => void {
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#out--;
      const at = this.#o.clock.now();
      let i = this.#ends.length;
      while (i > this.#head && (this.#ends[i - 1] as number) > at) i--;
      this.#ends.splice(i, 0, at);
      const wake = this.#wake;
      this.#wake = undefined;
      wake?.();
    };
  }
}
