// Defender for Endpoint's documented call limits: "100 calls per minute and 1500 calls per hour"
// per API (isolate, run-av-scan, post-ti-indicator, list indicators, machines), and 30 calls per
// minute (1,500 per hour) for the bulk APIs, import and BatchDelete. Sliding windows per (tenant,
// app, API); a refused call answers 429 with Retry-After until the oldest call leaves.
// `timeScale` compresses the windows (60: a minute lasts one real second) and Retry-After is given
// in the compressed seconds, so a client whose clock is scaled the same way waits the right time.
// https://learn.microsoft.com/defender-endpoint/api/post-ti-indicator#limitations
// https://learn.microsoft.com/defender-endpoint/api/import-ti-indicators#limitations

export interface DefenderRateSettings {
  perMinute: number;
  perHour: number;
  /** Limits of the bulk APIs (import, BatchDelete); defaults 30 a minute, 1,500 an hour. */
  bulkPerMinute?: number;
  bulkPerHour?: number;
  /** 60 makes a minute last one second; default 1. */
  timeScale?: number;
}

export const DEFAULT_DEFENDER_RATE: Required<DefenderRateSettings> = {
  perMinute: 100,
  perHour: 1500,
  bulkPerMinute: 30,
  bulkPerHour: 1500,
  timeScale: 1,
};

const MINUTE = 60_000;
const HOUR = 3_600_000;

export class DefenderRateLimit {
  private settings: Required<DefenderRateSettings> = { ...DEFAULT_DEFENDER_RATE };
  private readonly calls = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Unset fields take their defaults; the windows start empty. */
  configure(settings: DefenderRateSettings): void {
    this.settings = { ...DEFAULT_DEFENDER_RATE, ...settings };
    this.calls.clear();
  }

  get timeScale(): number {
    return this.settings.timeScale;
  }

  /** Counts one call; when a window is full, the (scaled) seconds until a call leaves it. */
  take(key: string, bulk = false): { ok: true } | { ok: false; retryAfterSec: number } {
    const now = this.now();
    const s = this.settings;
    const minute = MINUTE / s.timeScale;
    const hour = HOUR / s.timeScale;
    const perMinute = bulk ? s.bulkPerMinute : s.perMinute;
    const perHour = bulk ? s.bulkPerHour : s.perHour;
    const kept = (this.calls.get(key) ?? []).filter((t) => now - t < hour);
    const lastMinute = kept.filter((t) => now - t < minute);
    const waitMs =
      lastMinute.length >= perMinute
        ? (lastMinute[lastMinute.length - perMinute] ?? now) + minute - now
        : kept.length >= perHour
          ? (kept[kept.length - perHour] ?? now) + hour - now
          : 0;
    if (waitMs > 0) {
      this.calls.set(key, kept);
      return { ok: false, retryAfterSec: Math.max(1, Math.ceil((waitMs * s.timeScale) / 1000)) };
    }
    kept.push(now);
    this.calls.set(key, kept);
    return { ok: true };
  }

  reset(): void {
    this.settings = { ...DEFAULT_DEFENDER_RATE };
    this.calls.clear();
  }
}
