// Outlook's own limits, per app and mailbox: 10,000 requests in a 10-minute window and 4 requests in
// flight at once; past either the call answers 429 with Retry-After.
// https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits
import { FixedWindows } from '../shared/fixed-windows.js';
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
  private windows = new FixedWindows();
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
    const admitted = this.windows.take(
      key,
      Date.now(),
      this.settings.requests,
      this.settings.windowSec * 1000,
    );
    if (!admitted.ok) return { ok: false, retryAfterSec: admitted.retryAfterSec, reason: 'MailboxRequests' };
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
