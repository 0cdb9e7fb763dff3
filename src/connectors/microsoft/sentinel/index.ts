// Microsoft Sentinel threat-intelligence upload connector: the only way graphsoc talks to the
// STIX objects upload API and the legacy Upload Indicators API.
export { createSentinelClient, type SentinelClient } from './client.js';
export {
  DEFAULT_UPLOAD_BASE_URLS,
  SENTINEL_APIS,
  type SentinelConnectionConfig,
  sentinelConnection,
  sentinelConnectionSchema,
} from './config.js';
export { errors, hintFor, parseSentinelError, SentinelError } from './errors.js';
export {
  MAX_OBJECTS_PER_UPLOAD,
  uploadIndicators,
  uploadObjects,
  uploadStixObjects,
} from './resources/upload.js';
export { secondsFromMessage } from './throttle.js';
export type {
  SentinelApi,
  SentinelClientOptions,
  SentinelConnection,
  ThrottleEvent,
  UploadResult,
} from './types.js';
