// Defender for Endpoint's documented call limits: "100 calls per minute and 1500 calls per hour"
// per API (isolate, run-av-scan, post-ti-indicator, list indicators, machines). Sliding windows per
// (tenant, app, API); a refused call answers 429 with Retry-After until the oldest call leaves.
// https://learn.microsoft.com/defender-endpoint/api/post-ti-indicator#limitations

export interface DefenderRateSettings {
  perMinute: number;
  perHour: number;
}

export const DEFAULT_DEFENDER_RATE: DefenderRateSettings = { perMinute: 100, perHour: 1500 };

const MINUTE = 60_000;
const HOUR = 3_600_000;

export class DefenderRateLimit {
  private settings: DefenderRateSettings = { ...DEFAULT_DEFENDER_RATE };
  private readonly calls = new Map<string, number[]>();

  configure(settings: DefenderRateSettings): void {
    this.settings = { ...settings };
    this.calls.clear();
  }

  /** Counts one call; when a window is full, the seconds until a call leaves it. */
  take(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSec: number } {
    const kept = (this.calls.get(key) ?? []).filter((t) => now - t < HOUR);
    const lastMinute = kept.filter((t) => now - t < MINUTE);
    const waitMs =
      lastMinute.length >= this.settings.perMinute
        ? (lastMinute[lastMinute.length - this.settings.perMinute] ?? now) + MINUTE - now
        : kept.length >= this.settings.perHour
          ? (kept[kept.length - this.settings.perHour] ?? now) + HOUR - now
          : 0;
    if (waitMs > 0) {
      this.calls.set(key, kept);
      return { ok: false, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
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
