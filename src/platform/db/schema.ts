// Table types of the platform's own tables as kysely sees them. Times are epoch milliseconds (bigint
// in PostgreSQL, integer in SQLite; the pool parses int8 to number). A feature declares its tables in
// its own store and reaches them with `db.withTables<ItsTables>()`.
import type { Generated } from 'kysely';

export interface LeasesTable {
  name: string;
  owner: string;
  /** Fencing token: grows by one on every acquisition, so work of an earlier owner can be told apart. */
  epoch: number;
  acquired_at: number;
  renewed_at: number;
  expires_at: number;
  /** Set when the owner gave the lease up on a clean stop; the next owner need not wait for expiry. */
  released_at: number | null;
}

export type LeaseEventKind = 'acquired' | 'taken-over' | 'released' | 'lost';

export interface LeaseEventsTable {
  id: Generated<number>;
  name: string;
  owner: string;
  epoch: number;
  event: LeaseEventKind;
  at: number;
  /** For `taken-over`: the previous owner, its epoch and when its lease expired. */
  detail: string | null;
}

/** Small named state of the features: cursors, delta links, last-run markers. */
export interface KvStateTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface Database {
  leases: LeasesTable;
  lease_events: LeaseEventsTable;
  kv_state: KvStateTable;
}
