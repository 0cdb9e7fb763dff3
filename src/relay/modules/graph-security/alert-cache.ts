// Alert details read through alerts_v2, kept for a short while per credential set. Every alert in a
// $batch counts against Graph's 150 requests per minute per app for security alerts, so without this
// three or four relay requests a minute (Threat Response repeats observe on every pivot and refresh)
// would exhaust the budget. Entries are at most `ttlMs` old; an alert changed upstream in that time
// is answered as it was, which the operator guide states.
import type { AlertV2 } from './schemas.js';

export class AlertCache {
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { alert: AlertV2; until: number }>();

  constructor(ttlMs: number, max = 10_000, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#max = max;
    this.#now = now;
  }

  get(id: string): AlertV2 | undefined {
    const e = this.#entries.get(id);
    if (!e) return undefined;
    if (e.until <= this.#now()) {
      this.#entries.delete(id);
      return undefined;
    }
    return e.alert;
  }

  set(id: string, alert: AlertV2): void {
    if (this.#ttlMs <= 0) return;
    this.#entries.delete(id);
    this.#entries.set(id, { alert, until: this.#now() + this.#ttlMs });
    // Insertion order is age order: the first entries are the oldest.
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#max) break;
      this.#entries.delete(key);
    }
  }
}
