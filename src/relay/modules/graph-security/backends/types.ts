// What a backend returns: alerts with the request's observables each one matched.
import type { UpstreamWait } from '../../../../platform/http/index.js';
import type { Observable } from '../../../protocol/schemas.js';
import type { AlertCache } from '../alert-cache.js';

export interface FoundAlert<A> {
  alert: A;
  matched: Observable[];
}

export interface SearchOptions {
  /** Most alerts to return for the whole request. */
  limit: number;
  lookbackDays: number;
  signal: AbortSignal;
  deadlineAt: number;
  /** Alert details recently read with the same credentials (modern backend). */
  alertCache?: AlertCache;
  /** The relay request's upstream clock (Server-Timing). */
  wait: UpstreamWait;
  warn(code: string, message: string): void;
}

export interface SearchResult<A> {
  found: FoundAlert<A>[];
  /** Alerts that matched but were left out because of the limit. */
  omitted: number;
}
