// The Graph tiIndicators sink against the emulator over HTTPS: records sent with their Graph ids, a held
// record updated without a second indicator, recovery after a submit whose answer was lost, withdrawal
// (not found counts as withdrawn), per-record refusals, Defender's capacity, and a 429 survived.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compilePolicy,
  decide,
  graphExternalId,
  type Indicator,
  type Send,
  stableKey,
} from '../../../src/intel/index.js';
import { createGraphSink } from '../../../src/intel/sinks/graph.js';
import type { HeldRecord, SinkRecord } from '../../../src/intel/sinks/types.js';
import { graphCalls, graphFixture } from '../../connectors/microsoft/graph/resources/helpers.js';
import { waitFor } from '../../helpers/wait.js';
import { indicator, NOW } from '../fixtures.js';

const SENTINEL = {
  targetProduct: 'Azure Sentinel' as const,
  azureTenantId: '00000000-1111-2222-3333-444444444444',
};
const policy = compilePolicy('graph', {
  reserved: ['private'],
  types: ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'file-name'],
});

function record(i: Indicator, held = false, sinkId: string | null = null): SinkRecord {
  const d = decide(i, policy, NOW);
  assert.equal(d.kind, 'send');
  return { key: stableKey(i), indicator: i, send: d as Send, held, sinkId };
}
const heldOf = (r: SinkRecord): HeldRecord => ({ key: r.key, indicator: r.indicator, sinkId: null });
const domain = (name: string, over: Parameters<typeof indicator>[0] = {}) =>
  indicator({ value: `${name}.bad-feed.net`, ...over });

describe('intel sink: Graph tiIndicators', () => {
  const t = graphFixture(['ThreatIndicators.ReadWrite.OwnedBy']);
  const sink = () => createGraphSink(t.graph, SENTINEL);
  const count = (i: Indicator) => t.emu.tiIndicatorCounts(t.tenantId)[graphExternalId(i)] ?? 0;
  const stored = (i: Indicator) =>
    t.emu.tiIndicators(t.tenantId).filter((v) => v.externalId === graphExternalId(i));

  test('is kind graph with batches of 100; only the Defender target has a capacity', () => {
    assert.equal(sink().kind, 'graph');
    assert.equal(sink().batchSize, 100);
    assert.equal(sink().capacity, undefined);
    assert.equal(createGraphSink(t.graph, { targetProduct: 'Microsoft Defender ATP' }).capacity, 15_000);
  });

  test('sends new records; each outcome carries the Graph id; externalId is the stable key', async () => {
    const recs = [record(domain('new-a')), record(domain('new-b'))];
    const outcomes = await sink().upsert(recs);
    for (const [n, r] of recs.entries()) {
      const [one] = stored(r.indicator);
      assert.deepEqual(outcomes[n], { ok: true, sinkId: one?.id });
      assert.equal(one?.externalId, r.key);
      assert.equal(count(r.indicator), 1);
    }
  });

  test('an update of a held record leaves exactly one indicator per externalId, with the new content', async () => {
    const first = record(domain('upd', { tags: ['c2'] }));
    const [sent] = await sink().upsert([first]);
    assert.ok(sent?.ok && sent.sinkId);
    const changed = record(domain('upd', { tags: ['phishing'] }), true, sent.sinkId);
    const [again] = await sink().upsert([changed, record(domain('upd-new'))]);
    assert.ok(again?.ok);
    assert.notEqual(again.sinkId, sent.sinkId);
    assert.equal(count(first.indicator), 1);
    assert.equal(stored(first.indicator)[0]?.threatType, 'Phishing');
    // Held but gone from Graph meanwhile (expired there, deleted by hand): sent again all the same.
    await sink().withdraw([heldOf(first)]);
    assert.equal((await sink().upsert([{ ...changed, sinkId: again.sinkId ?? null }]))[0]?.ok, true);
    assert.equal(count(first.indicator), 1);
  });

  test('recover after a submit whose answer was lost leaves one indicator when the batch is resent', async () => {
    const recs = [record(domain('lost-a')), record(domain('lost-b'))];
    const stop = new AbortController();
    // Long enough to abort in; the process keeps the emulator's timer until it ends, so not longer.
    t.emu.setLatency(5_000);
    try {
      const pending = sink().upsert(recs, stop.signal);
      await waitFor('the submit to reach Graph', () => recs.every((r) => count(r.indicator) === 1), {
        everyMs: 10,
      });
      stop.abort();
      await assert.rejects(pending);
    } finally {
      t.emu.setLatency(0);
    }
    await sink().recover?.(recs.map(heldOf));
    assert.equal(count(recs[0]?.indicator as Indicator), 0);
    const outcomes = await sink().upsert(recs);
    assert.ok(outcomes.every((o) => o.ok));
    for (const r of recs) assert.equal(count(r.indicator), 1);
    // Nothing to recover (the call never reached Graph) is fine too.
    await sink().recover?.([heldOf(record(domain('never-sent')))]);
  });

  test('withdraws by externalId; one already gone counts as withdrawn', async () => {
    const r = record(domain('wd'));
    await sink().upsert([r]);
    assert.deepEqual(await sink().withdraw([heldOf(r), heldOf(record(domain('wd-never')))]), [
      { ok: true },
      { ok: true },
    ]);
    assert.equal(count(r.indicator), 0);
    assert.deepEqual(await sink().withdraw([heldOf(r)]), [{ ok: true }]);
  });

  test('answers per record: a type its target cannot hold and a refusal by Graph fail alone', async () => {
    const mde = createGraphSink(t.graph, { targetProduct: 'Microsoft Defender ATP' });
    t.emu.setTiIndicatorLimit(1);
    try {
      const email = record(indicator({ type: 'email', value: 'payroll@spoofed-feed.net' }));
      const outcomes = await mde.upsert([email, record(domain('mde-1')), record(domain('mde-2'))]);
      assert.deepEqual(
        outcomes.map((o) => (o.ok ? 'ok' : o.code)),
        ['GSOC_INTEL_SINK_TYPE_UNSUPPORTED', 'ok', 'QuotaExceeded'],
      );
      assert.equal(count(email.indicator), 0);
    } finally {
      t.emu.setTiIndicatorLimit(15_000);
    }
  });

  test('survives 429s on submit and on delete, with one indicator per externalId', async () => {
    const r = record(domain('busy'));
    await sink().upsert([r]);
    const before = graphCalls(t.emu).length;
    t.emu.addFault({
      pathRegex: 'tiIndicators/(submitTiIndicators|deleteTiIndicatorsByExternalId)$',
      status: 429,
      retryAfterSec: 1,
      times: 2,
    });
    const [o] = await sink().upsert([{ ...r, held: true }]);
    assert.equal(o?.ok, true);
    assert.equal(count(r.indicator), 1);
    assert.equal(graphCalls(t.emu).length - before, 4);
  });
});
