// The relay's statistics table as kysely sees it (migration in ./migrations): one row per hour and
// (route, module, HTTP status, protocol error code), which every instance adds its counts into.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import type { BUCKET_COLUMNS } from './histogram.js';

type BucketColumns = { [K in (typeof BUCKET_COLUMNS)[number]]: number };

export interface RelayStatsTable extends BucketColumns {
  /** Epoch ms of the hour's start (UTC). */
  hour: number;
  /** The protocol route within the module, e.g. `/observe/observables`. */
  route: string;
  module: string;
  status: number;
  /** The fatal protocol error code answered (`too many requests`), '' when none. */
  code: string;
  requests: number;
  /** Graph and Defender calls the requests made (a call counts its retries and token fetch once). */
  upstream_calls: number;
  upstream_ms: number;
  /** 429 answers upstream, each attempt. */
  upstream_throttled: number;
  /** Requests that ended in a fatal error after calling upstream. */
  upstream_failed: number;
}

// A type, not an interface: kysely's withTables wants a type with an implicit index signature.
export type RelayTables = {
  relay_stats: RelayStatsTable;
};

export type RelayDb = Kysely<Database & RelayTables>;

export const relayDb = (db: Kysely<Database>): RelayDb => db.withTables<RelayTables>();
