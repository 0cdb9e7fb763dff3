// Public entry of the outgoing-HTTP layer: every connector builds its client here.
export { type AgentOptions, createAgent, readCaFile, trustedCas } from './agent.js';
export {
  buildRequest,
  type CallOptions,
  compose,
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
} from './client.js';
export { type Clock, systemClock } from './clock.js';
export {
  type ConnectorHttpSpec,
  type ConnectorRequest,
  connectorCall,
  createConnectorClient,
} from './connector-client.js';
export type { ConnectorCallOptions, ConnectorClientOptions } from './connector-options.js';
export {
  describeTarget,
  errors,
  HttpAbortedError,
  HttpOptionsError,
  HttpStatusError,
  type HttpStatusErrorInit,
  HttpTransportError,
  type RemoteErrorInfo,
  type RequestTarget,
  specForStatus,
} from './errors.js';
export { parseAnswer, parseJson, remoteErrorParser, responseTarget, shapeError, tryJson } from './json.js';
export { type JsonCalls, jsonCalls } from './json-calls.js';
export { HostLimiter, type LimitOptions } from './limiter.js';
export { odataString } from './odata.js';
export { safePath, segment } from './path.js';
export {
  STANDARD_STATUSES,
  type StatusAnswer,
  type StatusException,
  type StatusMapping,
  type StatusTable,
  statusMapper,
} from './status-table.js';
export type { AuthCallOptions, AuthOptions } from './steps/auth.js';
export type { RedirectOptions } from './steps/redirect.js';
export { backoffMs, isIdempotent, parseRetryAfterMs, type RetryOptions } from './steps/retry.js';
export { type ThrottleEvent, throttleWatchStep } from './steps/throttle-watch.js';
export type { TimeoutOptions } from './steps/timeout.js';
export { UpstreamWait } from './upstream-wait.js';
export type {
  HttpMethod,
  HttpRequest,
  HttpResponse,
  Next,
  RequestBody,
  Step,
  StepOverrides,
} from './types.js';
