// TruSTAR's request limits (support.trustar.co/article/m5kl5anpiz-api-rate-limit-quota; reference
// §2.5): a per-user limit of 60 calls a minute, answered 429 with waitTime in ms until a call leaves
// the window, and a company quota of calls per day (reset at 00:00 UTC) that the request-quotas
// endpoint reports. timeScale compresses both windows so rate-limit tests run in seconds.

export interface LimitSettings {
  /** Calls per user per window; 0 turns the per-user limit off. */
  perMinute: number;
  /** Calls per company per day; 0 turns the quota off. */
  dailyQuota: number;
  /** 60 makes a minute last one second, a day 24 minutes. */
  timeScale: number;
}

export const DEFAULT_LIMITS: LimitSettings = { perMinute: 60, dailyQuota: 3000, timeScale: 1 };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface QuotaInfo {
  maxRequests: number;
  usedRequests: number;
  timeWindow: number;
  lastResetTime: number;
  nextResetTime: number;
}

export class RequestLimits {
  settings: LimitSettings;
  readonly #calls = new Map<string, number[]>();
  #quotaWindowStart = 0;
  #quotaUsed = 0;

  constructor(
    settings: LimitSettings,
    private readonly now: () => number,
  ) {
    this.settings = { ...settings };
  }

  configure(settings: Partial<LimitSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.#calls.clear();
    this.#quotaUsed = 0;
  }

  /** Counts one API call of `user`; when refused, the ms to wait. */
  take(user: string): { ok: true } | { ok: false; waitMs: number } {
    const t = this.now();
    const quota = this.#quota(t);
    if (this.settings.dailyQuota > 0 && this.#quotaUsed >= this.settings.dailyQuota)
      return { ok: false, waitMs: quota.nextResetTime - t };
    if (this.settings.perMinute > 0) {
      const window = MINUTE_MS / this.settings.timeScale;
      const kept = (this.#calls.get(user) ?? []).filter((c) => t - c < window);
      this.#calls.set(user, kept);
      if (kept.length >= this.settings.perMinute) {
        const oldest = kept[kept.length - this.settings.perMinute] as number;
        return { ok: false, waitMs: Math.max(1, oldest + window - t) };
      }
      kept.push(t);
    }
    this.#quotaUsed += 1;
    return { ok: true };
  }

  quota(): QuotaInfo {
    return this.#quota(this.now());
  }

  reset(settings: LimitSettings): void {
    this.settings = { ...settings };
    this.#calls.clear();
    this.#quotaUsed = 0;
    this.#quotaWindowStart = 0;
  }

  #quota(t: number): QuotaInfo {
    const window = DAY_MS / this.settings.timeScale;
    const start = Math.floor(t / window) * window;
    if (start !== this.#quotaWindowStart) {
      this.#quotaWindowStart = start;
      this.#quotaUsed = 0;
    }
    return {
      maxRequests: this.settings.dailyQuota,
      usedRequests: this.#quotaUsed,
      timeWindow: Math.round(window),
      lastResetTime: Math.round(start),
      nextResetTime: Math.round(start + window),
    };
  }
}
