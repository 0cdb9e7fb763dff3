// Outlook's own limits, per app and mailbox: 10,000 requests in a 10-minute window and 4 requests in
// flight at once; past either the call answers 429 with Retry-After.
// https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits
export interface MailThrottleSettings {
  /** Requests per app and mailbox in one window. */
  requests: number;
  windowSec: number;
  /** Requests of one app on one mailbox in flight at once. */
  concurrent: number;
  /** Time each mail request holds its slot, so tests can observe the concurrency limit. */
  processingMs: number;
}

export const DEFAULT_MAIL_THROTTLE: MailThrottleSettings = {
  requests: 10_000,
  windowSec: 600,
  concurrent: 4,
  processingMs: 0,
};

export type MailAdmission =
  | { ok: true; release: () => void }
  | { ok: false; retryAfterSec: number; reason: 'MailboxConcurrency' | 'MailboxRequests' };

export class MailThrottle {
  private windows = new Map<string, { startedAt: number; count: number }>();
  private inFlight = new Map<string, number>();

  constructor(public settings: MailThrottleSettings = { ...DEFAULT_MAIL_THROTTLE }) {}

  configure(settings: Partial<MailThrottleSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.windows.clear();
  }

  admit(appId: string, mailboxId: string): MailAdmission {
    const key = `${appId}/${mailboxId}`;
    const running = this.inFlight.get(key) ?? 0;
    if (running >= this.settings.concurrent)
      return { ok: false, retryAfterSec: 1, reason: 'MailboxConcurrency' };
    const now = Date.now();
    const windowMs = this.settings.windowSec * 1000;
    let w = this.windows.get(key);
    if (!w || now - w.startedAt >= windowMs) {
      w = { startedAt: now, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.settings.requests) {
      const retryAfterSec = Math.max(1, Math.ceil((w.startedAt + windowMs - now) / 1000));
      return { ok: false, retryAfterSec, reason: 'MailboxRequests' };
    }
    w.count += 1;
    this.inFlight.set(key, running + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
      },
    };
  }

  reset(): void {
    this.windows.clear();
    this.inFlight.clear();
    this.settings = { ...DEFAULT_MAIL_THROTTLE };
  }
}
