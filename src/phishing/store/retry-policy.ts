// When a failed report is tried again, and when it is given up on: backoff for its own failures, a
// fixed interval through outages, quarantine after too many of either.

export interface RetryPolicy {
  /** Failures of the report's own after which it is quarantined. */
  maxAttempts: number;
  /** Wait before attempt `n + 1` after `n` failures. */
  backoffMs(attempts: number): number;
  /** Wait after an outage failure (network, 429, 5xx): the service is retried, not the report blamed. */
  outageRetryMs: number;
  /** A report failing only through outages for longer than this is quarantined after all. */
  maxOutageMs: number;
}

/** The retry policy from its settings: exponential from `retryBaseMs`, doubling, at most an hour. */
export function retryPolicy(o: {
  maxAttempts: number;
  retryBaseMs: number;
  maxOutageMs: number;
}): RetryPolicy {
  return {
    maxAttempts: o.maxAttempts,
    backoffMs: (n) => Math.min(3_600_000, o.retryBaseMs * 2 ** Math.max(0, n - 1)),
    outageRetryMs: o.retryBaseMs,
    maxOutageMs: o.maxOutageMs,
  };
}

/** 8 attempts from 30 s; a day of outage. */
export const DEFAULT_RETRY: RetryPolicy = retryPolicy({
  maxAttempts: 8,
  retryBaseMs: 30_000,
  maxOutageMs: 86_400_000,
});
