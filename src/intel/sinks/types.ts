// What the sync engine asks of a sink (Sentinel, Defender, Graph tiIndicators): send a batch of
// indicators, withdraw a batch it sent earlier, and answer per record. The engine owns state, order,
// pacing and retries of whole batches; a sink owns its API's shape (converters, call, per-record
// answers) and the batch size its API allows.
import type { Indicator } from '../model/indicator.js';
import type { Send } from '../policy/decide.js';
import type { SinkKind } from '../policy/sinks.js';

/** One indicator to create or update in the sink, with what the sink's policy made of it. */
export interface SinkRecord {
  /** stableKey(indicator): feed|type|value (model/key.ts). */
  key: string;
  indicator: Indicator;
  send: Send;
  /**
   * True when an earlier run sent this record and the sink still holds it (an update); `sinkId` is
   * then what the sink answered for it, if it has ids of its own.
   */
  held: boolean;
  sinkId: string | null;
}

/**
 * One indicator the sink holds from an earlier run, to withdraw (revoked, expired by its source,
 * allow-listed since, left out by a cap). `indicator` is rebuilt from the engine's state: type,
 * value, source, sourceRef and first/last seen are the ones last sent; tags, score and description
 * may be empty. `sinkId` is what the sink answered when the record was sent (Defender's indicator id),
 * or null when the sink has no id of its own (Sentinel and Graph are addressed by key).
 */
export interface HeldRecord {
  key: string;
  indicator: Indicator;
  sinkId: string | null;
}

/**
 * The sink's answer for one record. `ok: false` is the sink refusing this record (a validation
 * error in an otherwise accepted batch); the engine records the code and message per indicator and
 * does not send it again until its content changes. A whole-call failure is thrown instead.
 */
export type RecordOutcome = { ok: true; sinkId?: string } | { ok: false; code: string; message: string };

export interface IntelSink {
  readonly kind: SinkKind;
  /** Records per call the API accepts (Sentinel 100, Defender 500, Graph 100). */
  readonly batchSize: number;
  /** Live indicators the sink may hold at most (Defender: 15,000 per tenant); undefined: no cap. */
  readonly capacity?: number;
  /**
   * Creates or updates the records; one outcome per record, in order. Throws (a typed connector
   * error) when the call as a whole failed after the client's own retries; the engine then leaves
   * the batch uncommitted and the next run sends it again.
   */
  upsert(records: readonly SinkRecord[], signal?: AbortSignal): Promise<RecordOutcome[]>;
  /** Withdraws the records (revocation, delete); one outcome per record, in order. */
  withdraw(records: readonly HeldRecord[], signal?: AbortSignal): Promise<RecordOutcome[]>;
  /**
   * Called before a run with records whose last upsert's outcome is unknown (the process stopped
   * during the call). Sinks whose upsert is not an idempotent upsert (Graph's submitTiIndicators
   * creates a new indicator each time) remove what that call may have created, so the resend
   * cannot double it. Sinks that upsert by a key of their own need not implement it.
   */
  recover?(records: readonly HeldRecord[], signal?: AbortSignal): Promise<void>;
  /**
   * Values the sink holds that graphsoc did not create, as `${type}|${value}` of the canonical
   * model (Defender: indicators whose createdBy is not this app). The engine never sends those, so
   * an analyst's own indicator is never overwritten. Undefined: the sink keeps ours apart by itself.
   */
  foreignValues?(signal?: AbortSignal): Promise<ReadonlySet<string>>;
  /** Cheap proof that the address, the credentials and the permission work (`config check --online`). */
  ping(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}
