// The options every connector built on this chain shares, so Graph, Defender and Archer (and the next
// one) take the same tuning by the same names.
import type { Dispatcher } from 'undici';
import type { CallOptions } from './client.js';
import type { Clock } from './clock.js';
import type { LimitOptions } from './limiter.js';
import type { RetryOptions } from './steps/retry.js';
import type { TimeoutOptions } from './steps/timeout.js';

/** How a connector client is built: transport, step defaults, and (for tests) clock and randomness. */
export interface ConnectorClientOptions {
  /** Extra CA (PEM) to trust besides the configured caFile (emulators). */
  caPem?: string;
  dispatcher?: Dispatcher;
  retry?: Partial<RetryOptions>;
  timeout?: Partial<TimeoutOptions>;
  /** Per-host concurrency and rate; each connector documents its default. */
  limits?: LimitOptions;
  clock?: Clock;
  random?: () => number;
}

/** What every connector call may carry: cancellation, the deadline, the upstream wait and step overrides. */
export type ConnectorCallOptions = Pick<CallOptions, 'signal' | 'deadlineAt' | 'wait' | 'retry' | 'timeout'>;
