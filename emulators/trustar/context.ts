// What every TruSTAR route reads: corpus, enclaves, credentials, tokens, limits, settings, clock and
// the call log.
import type { CorpusStore } from './corpus/store.js';
import type { CallLog } from './call-log.js';
import type { Enclave } from './enclaves.js';
import type { RequestLimits } from './limits.js';
import type { ApiCredential, TokenStore } from './tokens.js';

export interface TrustarSettings {
  /** Indicator search answers 500 for a page starting at or past this many results (TruSTAR: 10,000). */
  deepPagingLimit: number;
  /** waitTime of a 429 storm or a 429 fault without retryAfterSec. */
  stormWaitTimeMs: number;
}

export interface TrustarContext {
  corpus: CorpusStore;
  enclaves: Enclave[];
  credentials: ApiCredential[];
  tokens: TokenStore;
  limits: RequestLimits;
  settings: TrustarSettings;
  seed: number;
  /** The company's id in the request-quotas answer. */
  quotaGuid: string;
  calls: CallLog;
  /** API calls still to be answered 429 by the current storm. */
  storm: { remaining: number };
  now(): number;
}
