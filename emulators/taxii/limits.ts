// An optional per-caller request limit (TAXII 2.1 leaves rate limits to the server; feeds that have
// one answer 429 with Retry-After). timeScale compresses the minute so tests run in seconds.

export interface LimitSettings {
  /** Requests per caller per minute; 0 turns the limit off (the default). */
  perMinute: number;
  /** 60 makes a minute last one second. */
  timeScale: number;
}

export const DEFAULT_LIMITS: LimitSettings = { perMinute: 0, timeScale: 1 };

export class RequestLimits {
  settings: LimitSettings;
  readonly #calls = new Map<string, number[]>();

  constructor(
    settings: LimitSettings,
    private readonly now: () => number,
  ) {
    this.settings = { ...settings };
  }

  configure(settings: Partial<LimitSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.#calls.clear();
  }

  /** Counts one request of `caller`; when refused, the ms until one leaves the window. */
  take(caller: string): { ok: true } | { ok: false; waitMs: number } {
    if (this.settings.perMinute <= 0) return { ok: true };
    const t = this.now();
    const window = 60_000 / this.settings.timeScale;
    const kept = (this.#calls.get(caller) ?? []).filter((c) => t - c < window);
    this.#calls.set(caller, kept);
    if (kept.length >= this.settings.perMinute) {
      const oldest = kept[kept.length - this.settings.perMinute] as number;
      return { ok: false, waitMs: Math.max(1, oldest + window - t) };
    }
    kept.push(t);
    return { ok: true };
  }
}
