// Public types of the Microsoft Graph connector.
import type { z } from 'zod';
import type {
  ConnectorClientOptions,
  CallOptions,
  HttpResponse,
  UpstreamWait,
} from '../../../platform/http/index.js';
import type { GraphError } from './errors.js';

/** `limits` defaults to 16 requests in flight per host. */
export interface GraphClientOptions extends ConnectorClientOptions {
  /** API version path segment; default 'v1.0'. */
  version?: 'v1.0' | 'beta';
  /** $batch chunks in flight at once (default 4, max 20). */
  batchConcurrency?: number;
  /** Retries of one throttled $batch item (default 10, max 20); the deadline bounds them too. */
  batchItemRetries?: number;
}

/** Options for one Graph call; `prefer` becomes one Prefer header, e.g. ['IdType="ImmutableId"']. */
export interface GraphCallOptions
  extends Pick<
    CallOptions,
    | 'query'
    | 'headers'
    | 'signal'
    | 'deadlineAt'
    | 'retry'
    | 'timeout'
    | 'acceptStatus'
    | 'idempotent'
    | 'wait'
  > {
  prefer?: string[];
}

export interface PageOptions<S extends z.ZodType> extends GraphCallOptions {
  /** Schema of one item; items failing it fail the page with GSOC_HTTP_BAD_RESPONSE. */
  item?: S;
  /** Shortcut for Prefer: odata.maxpagesize=N. */
  maxPageSize?: number;
}

export interface BatchItem {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the version, e.g. '/users/{id}?$select=id'. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Set for a status of 400 or more (after retries for 429/503/504). */
  error?: GraphError;
  /** Times this item was sent. */
  attempts: number;
}

export interface BatchOptions {
  signal?: AbortSignal;
  deadlineAt?: number;
  /** Counts the chunks in flight and the waits for throttled items as time spent upstream. */
  wait?: UpstreamWait;
}

export type RawResponse = HttpResponse;
