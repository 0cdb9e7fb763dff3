// Public types of the Microsoft Graph connector.
import type { z } from 'zod';
import type {
  ConnectorClientOptions,
  CallOptions,
  HttpResponse,
  ThrottleEvent,
  UpstreamWait,
} from '../../../platform/http/index.js';
import type { GraphError } from './errors.js';
import type {
  alertV2Schema,
  directoryObjectSchema,
  evidenceSchema,
  groupSchema,
  legacyAlertSchema,
  mailFolderSchema,
  messageSchema,
  subscriptionSchema,
  userSchema,
} from './schemas.js';

/** `limits` defaults to 16 requests in flight per host. */
export interface GraphClientOptions extends ConnectorClientOptions {
  /** API version path segment; default 'v1.0'. */
  version?: 'v1.0' | 'beta';
  /** $batch chunks in flight at once (default 4, max 20). */
  batchConcurrency?: number;
  /** Retries of one throttled $batch item (default 10, max 20); the deadline bounds them too. */
  batchItemRetries?: number;
  /** Called on every 429 Graph answers (a run's count, a pacer's pause); the retry step then waits it out. */
  onThrottled?: (event: ThrottleEvent) => void;
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

/** Paging options of a resource that parses its items with its own schema. */
export type ResourcePageOptions = Omit<PageOptions<z.ZodUnknown>, 'item'>;

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

export type Message = z.output<typeof messageSchema>;
export type MailFolder = z.output<typeof mailFolderSchema>;
export type Subscription = z.output<typeof subscriptionSchema>;
export type User = z.output<typeof userSchema>;
export type Group = z.output<typeof groupSchema>;
export type DirectoryObject = z.output<typeof directoryObjectSchema>;
export type AlertV2 = z.output<typeof alertV2Schema>;
export type AlertEvidence = z.output<typeof evidenceSchema>;
export type LegacyAlert = z.output<typeof legacyAlertSchema>;
/** One Advanced Hunting result row: column name → value, each read with a type check. */
export type HuntingRow = Record<string, unknown>;

/** The OData query of a directory list: `$filter`, `$select` and page size, as Graph documents them. */
export interface ListQuery {
  filter?: string;
  select?: readonly string[];
  /** Items per page ($top). */
  top?: number;
}
