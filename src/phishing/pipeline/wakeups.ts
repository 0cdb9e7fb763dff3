// In-process wake-ups for the mailbox units. A notification received by this instance wakes the
// folder's unit at once; the poke in the database (checked every few seconds) reaches the owner when
// another instance received it. A wake that comes while the unit is busy is kept for its next wait,
// because the round in progress may already have passed the new message.
import { setTimeout as sleep } from 'node:timers/promises';

export class Wakeups {
  readonly #waiting = new Map<string, () => void>();
  readonly #pending = new Set<string>();

  wake(key: string): void {
    const resolve = this.#waiting.get(key);
    if (resolve) resolve();
    else this.#pending.add(key);
  }

  /**
   * Resolves true on wake(key) (or a wake kept since the last wait), false after `ms` or when the signal
   * aborts. One waiter per key: a folder has one unit.
   */
  async wait(key: string, ms: number, signal: AbortSignal): Promise<boolean> {
    if (this.#pending.delete(key)) return true;
    const done = new AbortController();
    const woken = new Promise<boolean>((resolve) => this.#waiting.set(key, () => resolve(true)));
    try {
      return await Promise.race([
        woken,
        sleep(ms, false, { signal: AbortSignal.any([signal, done.signal]) }).catch(() => false),
      ]);
    } finally {
      done.abort();
      this.#waiting.delete(key);
    }
  }
}
