// The directory's write quota per app and tenant: 3,000 writes (POST, PATCH, PUT, DELETE) in 2 minutes
// 30 seconds, past which Graph answers 429 with Retry-After until the window ends.
// https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits
// The emulator counts in fixed windows that start with the first write of an (app, tenant), so a test
// (and the accounts benchmark) can say exactly how much of a window's budget it used.
import { z } from 'zod';
import { FixedWindows } from '../shared/fixed-windows.js';

export interface WriteLimitSettings {
  requests: number;
  windowSec: number;
}

export const DEFAULT_WRITE_LIMIT: WriteLimitSettings = { requests: 3_000, windowSec: 150 };

export const writeLimitSchema = z
  .object({
    requests: z.number().int().min(1).max(10_000_000).optional(),
    windowSec: z.number().min(0.001).max(86_400).optional(),
  })
  .strict();

export interface WriteCounts {
  /** Writes let through (whatever the handler then answered). */
  accepted: number;
  /** Writes answered 429 by the quota. */
  throttled: number;
}

export class WriteLimit {
  settings: WriteLimitSettings = { ...DEFAULT_WRITE_LIMIT };
  private readonly windows = new FixedWindows();
  private readonly counts = new Map<string, WriteCounts>();

  constructor(private readonly now: () => number) {}

  configure(settings: Partial<WriteLimitSettings>): void {
    this.settings = { ...DEFAULT_WRITE_LIMIT, ...settings };
    this.windows.clear();
  }

  /** Takes one write from the caller's window, or says how many seconds remain of it. */
  take(appId: string, tenantId: string): { ok: true } | { ok: false; retryAfterSec: number } {
    const key = `${appId.toLowerCase()}/${tenantId.toLowerCase()}`;
    const counts = this.countsOf(tenantId);
    const admitted = this.windows.take(
      key,
      this.now(),
      this.settings.requests,
      this.settings.windowSec * 1000,
    );
    if (admitted.ok) counts.accepted += 1;
    else counts.throttled += 1;
    return admitted;
  }

  /** Writes of one tenant, or of all tenants together. */
  counted(tenantId?: string): WriteCounts {
    if (tenantId !== undefined) return { ...this.countsOf(tenantId) };
    const total = { accepted: 0, throttled: 0 };
    for (const c of this.counts.values()) {
      total.accepted += c.accepted;
      total.throttled += c.throttled;
    }
    return total;
  }

  reset(): void {
    this.windows.clear();
    this.counts.clear();
    this.settings = { ...DEFAULT_WRITE_LIMIT };
  }

  private countsOf(tenantId: string): WriteCounts {
    const key = tenantId.toLowerCase();
    let c = this.counts.get(key);
    if (!c) {
      c = { accepted: 0, throttled: 0 };
      this.counts.set(key, c);
    }
    return c;
  }
}
