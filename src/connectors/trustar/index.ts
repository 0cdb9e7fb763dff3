// TruSTAR (Splunk Intelligence Management) 2.0 connector: the sole entry point; features import only
// from here. It returns TruSTAR's own shapes, validated; the canonical indicator model is src/intel's.
export { TRUSTAR_REQUIRED, TRUSTAR_SECRET_PATHS, type TrustarConfig, trustarSchema } from './config.js';
export { createTrustarClient, type TrustarClient, type TrustarRequest } from './client.js';
export { trustarConnection } from './connection.js';
export {
  errors,
  parseTrustarError,
  TrustarAuthError,
  TrustarConfigError,
  TrustarError,
  TrustarQueryError,
  TrustarResponseError,
  TrustarThrottledError,
} from './errors.js';
export { checkEnclaves, listEnclaves } from './resources/enclaves.js';
export {
  INDICATOR_PAGING_LIMIT,
  type IndicatorQuery,
  searchIndicators,
} from './resources/indicators.js';
export { type ObservableQuery, searchObservables } from './resources/observables.js';
export { getRequestQuotas, quotaLeft } from './resources/quotas.js';
export { MAX_WINDOW_MS } from './resources/search.js';
export {
  type Enclave,
  type Observable,
  OBSERVABLE_TYPES,
  type ObservableType,
  type PrioritizedIndicator,
  PRIORITY_SCORES,
  type PriorityScore,
  type RequestQuota,
  type SearchPage,
  type ThrottleEvent,
  type TrustarCallOptions,
  type TrustarClientOptions,
  type TrustarConnection,
} from './types.js';
