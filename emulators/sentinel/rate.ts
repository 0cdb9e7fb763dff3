// The upload APIs' request limit: "All limits are applied per user: 100 requests per minute", answered
// 429 with "Try again in <n> seconds." in the body and no Retry-After header. A sliding window per
// caller (app id) and API; timeScale shortens the minute (60 makes it one second) so tests run fast,
// and the seconds in the message are real ones, at least 1.
// https://learn.microsoft.com/azure/sentinel/stix-objects-api#throttling-limits-for-the-api
import { z } from 'zod';

export const sentinelRateSchema = z
  .object({
    /** Requests per caller per window; 0 turns the limit off. */
    perMinute: z.number().int().min(0).max(100_000).optional(),
    /** 60 makes the minute last one second. */
    timeScale: z.number().min(1).max(10_000).optional(),
  })
  .strict();
export type SentinelRateSettings = Required<z.infer<typeof sentinelRateSchema>>;

export const DEFAULT_SENTINEL_RATE: SentinelRateSettings = { perMinute: 100, timeScale: 1 };

const MINUTE_MS = 60_000;

export class SentinelRate {
  private settings: SentinelRateSettings = { ...DEFAULT_SENTINEL_RATE };
  private initial: SentinelRateSettings = { ...DEFAULT_SENTINEL_RATE };
  private readonly calls = new Map<string, number[]>();

  /** Changes the settings given; with `asDefault`, reset() returns to them. */
  configure(settings: Partial<SentinelRateSettings>, asDefault = false): void {
    this.settings = { ...this.settings, ...settings };
    if (asDefault) this.initial = { ...this.settings };
    this.calls.clear();
  }

  /** Counts one request of `caller`; when the window is full, the seconds to wait. */
  take(caller: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSec: number } {
    const { perMinute, timeScale } = this.settings;
    if (perMinute === 0) return { ok: true };
    const window = MINUTE_MS / timeScale;
    const kept = (this.calls.get(caller) ?? []).filter((t) => now - t < window);
    this.calls.set(caller, kept);
    if (kept.length >= perMinute) {
      const oldest = kept[kept.length - perMinute] ?? now;
      return { ok: false, retryAfterSec: Math.max(1, Math.ceil((oldest + window - now) / 1000)) };
    }
    kept.push(now);
    return { ok: true };
  }

  reset(): void {
    this.settings = { ...this.initial };
    this.calls.clear();
  }
}
