// Microsoft Graph connector: the only way graphsoc talks to Graph.
export { createGraphClient, type GraphClient, type GraphRequestBuilder, parseGraphError } from './client.js';
export { errors, GraphError } from './errors.js';
export { MAX_BATCH_ITEMS } from './resources/batch.js';
export { DeltaRound } from './resources/delta.js';
export type {
  BatchItem,
  BatchOptions,
  BatchResult,
  GraphCallOptions,
  GraphClientOptions,
  PageOptions,
} from './types.js';
