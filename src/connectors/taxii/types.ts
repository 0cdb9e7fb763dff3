// Public types of the TAXII connector. Remote shapes are the zod outputs of schemas.ts, so a type here
// can never claim more than the validation checked.
import type { z } from 'zod';
import type { ConnectorClientOptions } from '../../platform/http/index.js';
import type { apiRootSchema, collectionSchema, discoverySchema } from './schemas.js';

export type TaxiiCredential =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'none' };

/** A complete TAXII connection; built from the `[taxii]` config by `taxiiConnection`. */
export interface TaxiiConnection {
  /** Discovery or API root URL, with its trailing slash. */
  url: string;
  apiRoot?: string | undefined;
  collectionIds: readonly string[];
  /** Sent only to the host of `url`; never logged or put in an error message. */
  credential: TaxiiCredential;
  pageSize: number;
  lookbackDays: number;
  caFile?: string | undefined;
}

export type TaxiiClientOptions = ConnectorClientOptions;

export type Discovery = z.output<typeof discoverySchema>;
export type ApiRoot = z.output<typeof apiRootSchema>;
export type Collection = z.output<typeof collectionSchema>;

/** One page of a collection's objects. Objects are unvalidated records: the reader checks each. */
export interface ObjectsPage {
  objects: unknown[];
  more: boolean;
  next: string | undefined;
  /** X-TAXII-Date-Added-First / -Last of this page, as the server wrote them. */
  dateAddedFirst: string | undefined;
  dateAddedLast: string | undefined;
  /** The added_after and next this page was asked with. */
  addedAfter: string | undefined;
  askedNext: string | undefined;
}

export interface ObjectsQuery {
  /** Only objects added after this timestamp (RFC 3339, as the server wrote it). */
  addedAfter?: string | undefined;
  /** Resume inside a paged read: the `next` of the page before (with the same addedAfter). */
  next?: string | undefined;
  /** Default: the connection's pageSize. */
  limit?: number | undefined;
  /** match[type] */
  types?: readonly string[] | undefined;
}
