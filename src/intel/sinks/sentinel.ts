// The Microsoft Sentinel sink: each batch of up to 100 records becomes one upload of STIX indicators
// (the STIX objects API, or the legacy Upload Indicators API when the connection says so), and
// Sentinel's per-record errors become the records' outcomes. Objects carry a deterministic id, so an
// update is the same object with a later `modified` and a withdrawal the same object again with
// `revoked: true`, the one removal the upload API honours (reference §3.2.2). Nothing to recover and
// no foreign values: an upload never creates a second object for a record, and ids are ours.
import {
  MAX_OBJECTS_PER_UPLOAD,
  type SentinelClient,
  uploadObjects,
} from '../../connectors/microsoft/sentinel/index.js';
import { clip, type Indicator } from '../model/indicator.js';
import { type StixIndicator, type StixOutcome, toStixIndicator } from '../convert/stix.js';
import type { HeldRecord, IntelSink, RecordOutcome, SinkRecord } from './types.js';

export interface SentinelSinkOptions {
  /** The STIX identity (`identity--<uuid>`) shown as the indicators' creator, if configured. */
  createdByRef?: string;
  /** The upload's clock: `modified` of every object sent in one call. */
  now?: () => number;
}

/** The code an outcome carries when Sentinel refused the record; the message has Sentinel's words. */
export const SENTINEL_REJECTED = 'SENTINEL_REJECTED';

const MESSAGE_MAX = 1000;

export function createSentinelSink(client: SentinelClient, o: SentinelSinkOptions = {}): IntelSink {
  const now = o.now ?? Date.now;
  const createdBy = o.createdByRef === undefined ? {} : { createdByRef: o.createdByRef };
  const stix = (i: Indicator, outcome: StixOutcome, nowMs: number): StixIndicator =>
    toStixIndicator(i, outcome, { nowMs, ...createdBy });

  async function send(objects: StixIndicator[], signal?: AbortSignal): Promise<RecordOutcome[]> {
    if (objects.length === 0) return [];
    const { errors } = await uploadObjects(client, objects, signal ? { signal } : {});
    return objects.map((_, i): RecordOutcome => {
      const messages = errors.get(i);
      if (messages === undefined) return { ok: true };
      return { ok: false, code: SENTINEL_REJECTED, message: clip(messages.join(' '), MESSAGE_MAX) };
    });
  }

  return {
    kind: 'sentinel',
    batchSize: MAX_OBJECTS_PER_UPLOAD,
    upsert(records: readonly SinkRecord[], signal?: AbortSignal) {
      const nowMs = now();
      return send(
        records.map((r) => stix(r.indicator, r.send, nowMs)),
        signal,
      );
    },
    withdraw(records: readonly HeldRecord[], signal?: AbortSignal) {
      const nowMs = now();
      return send(
        records.map((r) => stix(r.indicator, { kind: 'withdraw' }, nowMs)),
        signal,
      );
    },
    ping: () => client.ping(),
    close: () => client.close(),
  };
}
