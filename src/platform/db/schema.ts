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

/** A console session; the cookie carries the id, the row only its SHA-256 (base64url). */
export interface ConsoleSessionsTable {
  id_hash: string;
  /** Entra object id, or `local:<name>` for a local account. */
  subject: string;
  name: string;
  /** JSON array of role names, read back through zod. */
  roles: string;
  csrf_token: string;
  ip: string;
  user_agent: string;
  created_at: number;
  /** Touched at most once a minute; the idle timeout counts from here. */
  last_seen_at: number;
  /** The absolute end, fixed at creation. */
  expires_at: number;
}

/** One row per scope (`ip`, `user`) of a sign-in attempt that failed or is under way. */
export interface ConsoleSignInAttemptsTable {
  id: Generated<number>;
  attempt: string;
  scope: string;
  key: string;
  at: number;
}

export interface ConsoleAuditTable {
  id: Generated<number>;
  at: number;
  actor_subject: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  ip: string;
  user_agent: string;
  outcome: string;
  /** JSON, bounded in size. */
  detail: string | null;
}

/** A state change of a dependency check, as one instance saw it (the reader merges instances). */
export interface HealthEventsTable {
  id: Generated<number>;
  check_name: string;
  at: number;
  state: 'ok' | 'failing';
  /** The failure's error code, when it had one. */
  code: string | null;
}

/** A console sign-in between the redirect to Entra and the way back (taken once, then deleted). */
export interface ConsoleSignInFlowsTable {
  /** SHA-256 (base64url) of the `state` sent to Entra. */
  state_hash: string;
  nonce: string;
  /** The PKCE verifier; kept server side, only its S256 challenge went to the browser. */
  code_verifier: string;
  /** A local absolute path to go to once signed in. */
  return_path: string;
  /** The starting client's network, for the cap on sign-ins under way per address. */
  ip_key: string;
  created_at: number;
  expires_at: number;
}

export interface Database {
  leases: LeasesTable;
  lease_events: LeaseEventsTable;
  kv_state: KvStateTable;
  console_sessions: ConsoleSessionsTable;
  console_sign_in_attempts: ConsoleSignInAttemptsTable;
  console_audit: ConsoleAuditTable;
  health_events: HealthEventsTable;
  console_sign_in_flows: ConsoleSignInFlowsTable;
}
