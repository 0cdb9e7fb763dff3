// Alert details read through alerts_v2, kept for a short while per credential set. Every alert in a
// $batch counts against Graph's 150 requests per minute per app for security alerts, so without this
// three or four relay requests a minute (Threat Response repeats observe on every pivot and refresh)
// would exhaust the budget. Entries are at most `ttlMs` old; an alert changed upstream in that time
// is answered as it was, which the operator guide states.
import { TtlCache } from '../../../platform/ttl-cache.js';
import type { AlertV2 } from './schemas.js';

export class AlertCache {
  readonly #ttlMs: number;
  readonly #cache: TtlCache<AlertV2>;

  constructor(ttlMs: number, max = 10_000, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#cache = new TtlCache(max, now);
  }

  get(id: string): AlertV2 | undefined {
    return this.#cache.get(id);
  }

  set(id: string, alert: AlertV2): void {
    this.#cache.set(id, alert, this.#cache.now() + this.#ttlMs);
  }
}
