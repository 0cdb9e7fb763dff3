// The Graph tiIndicators sink (deprecated beta API, for tenants that still have it): records become
// tiIndicators through the converter and go out with submitTiIndicators, 100 a call; withdrawals and
// recovery delete by externalId (the record's stable key).
//
// submitTiIndicators is not an upsert: each submit creates another indicator, even for an externalId
// Graph already has. So a record the sink already holds is first deleted by its externalId and then
// submitted again, and recover() deletes by externalId whatever an interrupted submit may have made;
// either way a resend never leaves two. Between that delete and the submit the indicator is briefly
// absent, and stays absent if Graph then refuses the new version (its outcome says why).
import {
  deleteTiIndicatorsByExternalId,
  type GraphClient,
  listTiIndicators,
  submitTiIndicators,
  type TiDeleteResult,
} from '../../connectors/microsoft/graph/index.js';
import { type GraphOptions, graphExternalId, toGraphTiIndicator } from '../convert/graph-ti.js';
import { SinkTypeError } from '../errors.js';
import { GraphRecoverError } from './graph-errors.js';
import type { HeldRecord, IntelSink, RecordOutcome, SinkRecord } from './types.js';

/** "There's a limit of 100 tiIndicators per request." */
export const GRAPH_BATCH_SIZE = 100;
/** "There's a limit of 15,000 indicators per tenant for Microsoft Defender for Endpoint." */
export const GRAPH_DEFENDER_CAPACITY = 15_000;

export type GraphSinkOptions = GraphOptions;

const deleteFailure = (r: TiDeleteResult): RecordOutcome => ({
  ok: false,
  code: r.subCode || `resultInfo ${r.code}`,
  message: r.message || 'Graph did not delete the tiIndicator',
});

export function createGraphSink(graph: GraphClient, opts: GraphSinkOptions): IntelSink {
  const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
  const deleteByKey = (records: readonly { indicator: HeldRecord['indicator'] }[], signal?: AbortSignal) =>
    records.length === 0
      ? Promise.resolve([])
      : deleteTiIndicatorsByExternalId(
          graph,
          records.map((r) => graphExternalId(r.indicator)),
          withSignal(signal),
        );

  async function upsert(records: readonly SinkRecord[], signal?: AbortSignal): Promise<RecordOutcome[]> {
    const outcomes: Array<RecordOutcome | undefined> = records.map(() => undefined);
    const bodies = new Map<number, object>();
    for (const [i, r] of records.entries()) {
      try {
        bodies.set(i, toGraphTiIndicator(r.indicator, r.send, opts));
      } catch (e) {
        // The policy should have kept this type out; one such record must not hold up the batch.
        if (!(e instanceof SinkTypeError)) throw e;
        outcomes[i] = { ok: false, code: e.code, message: e.message };
      }
    }
    const held = [...bodies.keys()].filter((i) => records[i]?.held);
    const deleted = await deleteByKey(
      held.map((i) => records[i] as SinkRecord),
      signal,
    );
    for (const [j, i] of held.entries()) {
      const r = deleted[j];
      // Submitting while the old one may still be there would make two; leave it as it is.
      if (r?.outcome === 'failed') outcomes[i] = deleteFailure(r);
    }
    const send = [...bodies.keys()].filter((i) => outcomes[i] === undefined);
    const results =
      send.length === 0
        ? []
        : await submitTiIndicators(
            graph,
            send.map((i) => bodies.get(i) as object),
            withSignal(signal),
          );
    for (const [j, i] of send.entries()) {
      const r = results[j];
      if (r)
        outcomes[i] = r.ok ? { ok: true, sinkId: r.id } : { ok: false, code: r.code, message: r.message };
    }
    return outcomes.map(
      (o) => o ?? { ok: false, code: 'UnknownError', message: 'no answer for this record' },
    );
  }

  return {
    kind: 'graph',
    batchSize: GRAPH_BATCH_SIZE,
    ...(opts.targetProduct === 'Microsoft Defender ATP' ? { capacity: GRAPH_DEFENDER_CAPACITY } : {}),
    upsert,
    async withdraw(records, signal) {
      const results = await deleteByKey(records, signal);
      // Not found: never created, or gone already (expired in Graph, deleted by hand); withdrawn either way.
      return results.map((r) => (r.outcome === 'failed' ? deleteFailure(r) : { ok: true }));
    },
    async recover(records, signal) {
      const results = await deleteByKey(records, signal);
      const failed = results.filter((r) => r.outcome === 'failed');
      if (failed.length > 0) throw new GraphRecoverError(failed.length, failed[0]?.message ?? '');
    },
    // One of the app's own tiIndicators: token, permission and address.
    async ping(signal) {
      for await (const _ of listTiIndicators(graph, {}, { maxPageSize: 1, signal })) return;
    },
    // The client is the tenant's shared one; its owner closes it.
    async close() {},
  };
}
