// Per-host limits shared by all requests of one client: a concurrency cap (a semaphore) and a
// token-bucket rate limit. Waits use the injected clock and fail at once when they would pass the deadline.
import { z } from 'zod';
import type { Clock } from './clock.js';
import { parseOptions } from './options.js';

const hostLimitSchema = z.object({
  /** Requests in flight at once to one host. */
  concurrency: z.number().int().min(1).max(1024).default(16),
  /** Requests started per second to one host; 0 means no rate limit. */
  ratePerSec: z.number().min(0).max(10_000).default(0),
  /** Requests allowed at once after an idle spell; defaults to max(1, ratePerSec). */
  burst: z.number().int().min(1).max(10_000).optional(),
});

export const limitOptionsSchema = hostLimitSchema.extend({
  /** Per-host overrides keyed by `host` (hostname:port when not default). */
  hosts: z.record(z.string(), hostLimitSchema.partial()).default({}),
});
export type LimitOptions = z.input<typeof limitOptionsSchema>;
type HostLimit = z.output<typeof hostLimitSchema>;

/** Thrown by `acquire` when a wait would pass the deadline; the caller maps it to its typed error. */
export class LimitDeadlineError extends Error {
  constructor(readonly waitMs: number | undefined) {
    super('waiting for a request slot would pass the deadline');
  }
}

interface HostState {
  limit: HostLimit;
  active: number;
  queue: Array<() => void>;
  tokens: number;
  refilledAt: number;
}

export class HostLimiter {
  readonly #defaults: HostLimit;
  readonly #perHost: Record<string, Partial<HostLimit>>;
  readonly #hosts = new Map<string, HostState>();
  constructor(
    options: LimitOptions,
    private readonly clock: Clock,
  ) {
    const o = parseOptions(limitOptionsSchema, options, 'limits');
    this.#defaults = { concurrency: o.concurrency, ratePerSec: o.ratePerSec, burst: o.burst };
    this.#perHost = o.hosts;
  }

  /** Waits for a slot and a rate token for `host`; returns the function that frees the slot. */
  async acquire(host: string, opts: { deadlineAt?: number; signal?: AbortSignal } = {}): Promise<() => void> {
    const s = this.#state(host);
    await this.#slot(s, opts);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.#handOn(s);
    };
    try {
      await this.#token(s, opts);
    } catch (e) {
      release();
      throw e;
    }
    return release;
  }

  #state(host: string): HostState {
    let s = this.#hosts.get(host);
    if (!s) {
      const limit = { ...this.#defaults, ...this.#perHost[host] };
      const burst = limit.burst ?? Math.max(1, Math.ceil(limit.ratePerSec));
      s = { limit: { ...limit, burst }, active: 0, queue: [], tokens: burst, refilledAt: this.clock.now() };
      this.#hosts.set(host, s);
    }
    return s;
  }

  async #slot(s: HostState, opts: { deadlineAt?: number; signal?: AbortSignal }): Promise<void> {
    if (s.active < s.limit.concurrency) {
      s.active++;
      return;
    }
    let granted!: () => void;
    const turn = new Promise<void>((resolve) => {
      granted = resolve;
    });
    s.queue.push(granted);
    const done = new AbortController();
    const never = new Promise<never>(() => {});
    const waits: Promise<void>[] = [turn];
    let onAbort: (() => void) | undefined;
    if (opts.signal) {
      const signal = opts.signal;
      waits.push(
        new Promise<never>((_, reject) => {
          onAbort = () => reject(signal.reason);
          if (signal.aborted) onAbort();
          else signal.addEventListener('abort', onAbort, { once: true });
        }),
      );
    }
    if (opts.deadlineAt !== undefined) {
      const left = Math.max(0, opts.deadlineAt - this.clock.now());
      waits.push(
        this.clock.sleep(left, done.signal).then(
          () => Promise.reject(new LimitDeadlineError(undefined)),
          () => never,
        ),
      );
    }
    try {
      await Promise.race(waits);
    } catch (e) {
      const i = s.queue.indexOf(granted);
      if (i >= 0) s.queue.splice(i, 1);
      else this.#handOn(s); // out of the queue means the slot reached us as we gave up: pass it on
      throw e;
    } finally {
      if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
      done.abort();
    }
  }

  #handOn(s: HostState): void {
    const waiter = s.queue.shift();
    if (waiter) waiter();
    else s.active--;
  }

  async #token(s: HostState, opts: { deadlineAt?: number; signal?: AbortSignal }): Promise<void> {
    const { ratePerSec, burst } = s.limit;
    if (ratePerSec === 0) return;
    const now = this.clock.now();
    s.tokens = Math.min(burst ?? 1, s.tokens + ((now - s.refilledAt) * ratePerSec) / 1000);
    s.refilledAt = now;
    s.tokens -= 1;
    if (s.tokens >= 0) return;
    const wait = Math.ceil((-s.tokens * 1000) / ratePerSec);
    if (opts.deadlineAt !== undefined && now + wait > opts.deadlineAt) {
      s.tokens += 1;
      throw new LimitDeadlineError(wait);
    }
    try {
      await this.clock.sleep(wait, opts.signal);
    } catch (e) {
      s.tokens += 1;
      throw e;
    }
  }
}
