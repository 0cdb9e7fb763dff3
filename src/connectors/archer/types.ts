// Public types of the RSA Archer connector.
import type { ConnectorCallOptions, ConnectorClientOptions } from '../../platform/http/index.js';

/** A complete Archer connection; built from the `[archer]` config by `archerConnection`. */
export interface ArcherConnection {
  /** Archer's address with any virtual directory, e.g. https://archer.example.com/rsaarcher. */
  baseUrl: string;
  /** `/platformapi` since Archer 6.5; `/api` before (and still served). */
  basePath: '/platformapi' | '/api';
  instanceName: string;
  username: string;
  userDomain: string;
  /** Sent in the login body only; never logged or put in an error message. */
  password: string;
  caFile?: string | undefined;
}

/** Archer documents no rate limit; the default `limits` of a few requests in flight spare its web tier. */
export type ArcherClientOptions = ConnectorClientOptions;

export type ArcherCallOptions = ConnectorCallOptions;

/** A field value by meaning; the field's Archer type decides the wire shape (reference §2.7). */
export type FieldInput =
  /** Text, a date (ISO), an IP address, or one values-list value by name. */
  | string
  | number
  | Date
  /** Clears the field. */
  | null
  /** Values-list values by name; `otherText` for a value that allows it. */
  | { values: readonly string[]; otherText?: string }
  /** Cross-reference: ids of the referenced records. */
  | { contentIds: readonly number[] }
  /** Attachment field: ids from uploadAttachment. */
  | { attachmentIds: readonly number[] };

/** A field read back by meaning: text/dates/IPs as strings, values lists as names, references as ids. */
export type FieldOutput = string | number | null | readonly string[] | readonly number[];

/** Which level a record lives in: an application by name and optionally one of its levels. */
export interface LevelRef {
  application: string;
  /** Defaults to the application's first (base) level. */
  level?: string;
}

export interface FieldDefinition {
  id: number;
  name: string;
  alias: string;
  type: number;
  valuesListId: number | undefined;
}
