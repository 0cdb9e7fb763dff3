// Fixed-window request counts per key, as the emulators' throttles keep them: a window starts with a
// key's first request and allows `limit` requests until it ends; the refusal says how many seconds
// remain of it (Retry-After, at least 1).
export type WindowAdmission = { ok: true } | { ok: false; retryAfterSec: number };

export class FixedWindows {
  readonly #windows = new Map<string, { startedAt: number; count: number }>();

  /** Counts one request of `key` at `now` (ms), unless its window is full. */
  take(key: string, now: number, limit: number, windowMs: number): WindowAdmission {
    let w = this.#windows.get(key);
    if (!w || now - w.startedAt >= windowMs) {
      w = { startedAt: now, count: 0 };
      this.#windows.set(key, w);
    }
    if (w.count >= limit)
      return { ok: false, retryAfterSec: Math.max(1, Math.ceil((w.startedAt + windowMs - now) / 1000)) };
    w.count += 1;
    return { ok: true };
  }

  clear(): void {
    this.#windows.clear();
  }
}
