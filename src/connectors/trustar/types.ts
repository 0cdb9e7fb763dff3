// Public types of the TruSTAR connector. Remote shapes are the zod outputs of schemas.ts, so a type
// here can never claim more than the validation checked.
import type { z } from 'zod';
import type { ConnectorCallOptions, ConnectorClientOptions } from '../../platform/http/index.js';
import type { enclaveSchema, indicatorSchema, observableSchema, requestQuotaSchema } from './schemas.js';

/** A complete TruSTAR connection; built from the `[trustar]` config by `trustarConnection`. */
export interface TrustarConnection {
  /** e.g. https://api.trustar.co (no trailing slash). */
  baseUrl: string;
  apiKey: string;
  /** Sent only in the token request's Basic header; never logged or put in an error message. */
  apiSecret: string;
  /** Lower-case enclave GUIDs; at least one. */
  enclaveIds: readonly string[];
  clientMetatag: string;
  pageSize: number;
  caFile?: string | undefined;
}

export interface ThrottleEvent {
  /** The waitTime TruSTAR asked for (ms). */
  waitMs: number;
  /** Which 429 of this request it is (1 for the first). */
  attempt: number;
  path: string;
}

export interface TrustarClientOptions extends ConnectorClientOptions {
  /** Longest single waitTime honoured; a longer one (a spent daily quota) throws THROTTLED. Default 60 s. */
  maxWaitMs?: number;
  /** 429s one request may wait out before it throws THROTTLED. Default 10. */
  maxThrottleWaits?: number;
  /** Called before each wait on a 429, e.g. to count them. */
  onThrottled?: (event: ThrottleEvent) => void;
}

export type TrustarCallOptions = ConnectorCallOptions;

export type Observable = z.output<typeof observableSchema>;
export type PrioritizedIndicator = z.output<typeof indicatorSchema>;
export type Enclave = z.output<typeof enclaveSchema>;
export type RequestQuota = z.output<typeof requestQuotaSchema>;

/** One page of a search; store `nextCursor` after committing the page to resume after it. */
export interface SearchPage<T> {
  items: T[];
  /** The cursor this page was fetched with (undefined for the first page). */
  cursor: string | undefined;
  /** undefined on the last page. */
  nextCursor: string | undefined;
}

export const OBSERVABLE_TYPES = [
  'BITCOIN_ADDRESS',
  'CIDR_BLOCK',
  'EMAIL_ADDRESS',
  'IP4',
  'IP6',
  'MD5',
  'PHONE_NUMBER',
  'REGISTRY_KEY',
  'SHA1',
  'SHA256',
  'SOFTWARE',
  'URL',
  'X_ID',
  'DOMAIN',
] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

/** Priority scores as TruSTAR returns them; the search filter takes their ints −1..3. */
export const PRIORITY_SCORES = ['NOT_SCORED', 'BENIGN', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type PriorityScore = (typeof PRIORITY_SCORES)[number];
