// Per (app, tenant) token buckets that decide when Graph answers 429 with Retry-After.
// https://learn.microsoft.com/graph/throttling
import { z } from 'zod';

export interface ThrottleSettings {
  /** Requests that may be made in a burst. */
  capacity: number;
  /** Requests per second that refill the bucket. */
  refillPerSec: number;
}

/** A control API body that sets a bucket. */
export const throttleSchema = z
  .object({ capacity: z.number().min(1), refillPerSec: z.number().min(0) })
  .strict();

export const DEFAULT_THROTTLE: ThrottleSettings = { capacity: 10_000, refillPerSec: 2_000 };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class Throttle {
  private buckets = new Map<string, Bucket>();

  constructor(private settings: ThrottleSettings = DEFAULT_THROTTLE) {}

  configure(settings: ThrottleSettings): void {
    this.settings = settings;
    this.buckets.clear();
  }

  get current(): ThrottleSettings {
    return { ...this.settings };
  }

  /** Takes one request from the caller's bucket; returns the seconds to wait when it is empty. */
  take(appId: string, tenantId: string): { ok: true } | { ok: false; retryAfterSec: number } {
    const key = `${appId}/${tenantId}`;
    const now = performance.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.settings.capacity, updatedAt: now };
    bucket.tokens = Math.min(
      this.settings.capacity,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.settings.refillPerSec,
    );
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    const wait = this.settings.refillPerSec > 0 ? (1 - bucket.tokens) / this.settings.refillPerSec : 3600;
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil(wait)) };
  }

  reset(): void {
    this.buckets.clear();
  }
}
