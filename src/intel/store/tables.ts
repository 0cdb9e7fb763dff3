// Table types of the threat-intel sync's own tables as kysely sees them (migrations in ./migrations).
// Times are epoch milliseconds.
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';

/**
 * The indicators each source has handed over, one row per (source, key): the local copy every sink
 * is reconciled against, so a sink never needs the source read again and a dry run sees what a real
 * run would.
 */
export interface IntelIndicatorsTable {
  source: string;
  /** stableKey: feed|type|value (model/key.ts). */
  key: string;
  /** contentHash of the indicator (model/key.ts); with last_seen_ms, what tells a change. */
  content_hash: string;
  last_seen_ms: number;
  /** The canonical Indicator as JSON. */
  indicator: string;
  staged_at: number;
}

/** Where each source's next read starts: its opaque cursor, stored with the page it follows. */
export interface IntelSourceCursorsTable {
  source: string;
  cursor: string;
  updated_at: number;
}

/**
 * What a sink holds of a source's indicator: `live` (sent and not withdrawn; the sink drops it
 * itself at `expires_at`), `withdrawn` (revoked or deleted by us), `expired` (past its expiry, which
 * the sink enforces by itself), `refused` (the sink refused this
 * content; not sent again until the fingerprint changes).
 */
export type SinkRecordStatus = 'live' | 'withdrawn' | 'expired' | 'refused';

export interface IntelSinkStateTable {
  source: string;
  sink: string;
  key: string;
  status: SinkRecordStatus;
  /** The policy decision's fingerprint last sent (or refused). */
  fingerprint: string;
  expires_at: number | null;
  /** The sink's own id (Defender), when it has one. */
  sink_id: string | null;
  /** The sink's refusal, `CODE: message`, for the dashboard and the run's report. */
  error: string | null;
  updated_at: number;
}

/** Calls whose outcome is not known yet, for sinks whose upsert is not idempotent (Graph). */
export interface IntelInFlightTable {
  source: string;
  sink: string;
  key: string;
  started_at: number;
}

export interface IntelRunsTable {
  id: Generated<number>;
  source: string;
  /** Null for the source's read. */
  sink: string | null;
  started_at: number;
  finished_at: number | null;
  dry_run: number;
  /** running | ok | refused (a sink refused records) | failed (the run stopped on an error). */
  outcome: string;
  /** The run's counts as JSON (engine/counts.ts). */
  counts: string;
  error: string | null;
}

// A type, not an interface: kysely's withTables wants a type with an implicit index signature.
export type IntelTables = {
  intel_indicators: IntelIndicatorsTable;
  intel_source_cursors: IntelSourceCursorsTable;
  intel_sink_state: IntelSinkStateTable;
  intel_in_flight: IntelInFlightTable;
  intel_runs: IntelRunsTable;
};

export type IntelDb = Kysely<Database & IntelTables>;

export const intelDb = (db: Kysely<Database>): IntelDb => db.withTables<IntelTables>();
