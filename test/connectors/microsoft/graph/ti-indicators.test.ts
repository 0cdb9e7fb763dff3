// The Graph client's tiIndicators resource against the emulator over HTTPS: submit with per-item
// results on 200 and 206, more than 100 in several calls, delete by externalId, list with paging and a
// quoted externalId, always on beta; 429 waited out, a 5xx never resent, a broken answer refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  deleteTiIndicatorsByExternalId,
  GraphError,
  listTiIndicators,
  submitTiIndicators,
  type TiIndicator,
} from '../../../../src/connectors/microsoft/graph/index.js';
import { graphCalls, graphFixture } from './resources/helpers.js';

const SUBMIT = '/beta/security/tiIndicators/submitTiIndicators';
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

function indicator(externalId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    action: 'alert',
    azureTenantId: '00000000-1111-2222-3333-444444444444',
    description: 'client test',
    expirationDateTime: inDays(30),
    externalId,
    targetProduct: 'Azure Sentinel',
    threatType: 'WatchList',
    tlpLevel: 'amber',
    url: `https://bad.example/${encodeURIComponent(externalId)}`,
    ...over,
  };
}

async function all(pages: AsyncIterable<TiIndicator[]>): Promise<TiIndicator[]> {
  const out: TiIndicator[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

describe('graph resource: tiIndicators', () => {
  const t = graphFixture(['ThreatIndicators.ReadWrite.OwnedBy']);
  const counts = () => t.emu.tiIndicatorCounts(t.tenantId);
  const submits = () => graphCalls(t.emu).filter((c) => c.path === SUBMIT).length;

  test('submits on beta from a v1.0 client; per-item ids, and the decoded error of a refused item', async () => {
    assert.match(t.graph.baseUrl, /\/v1\.0\/$/);
    const results = await submitTiIndicators(t.graph, [
      indicator('one'),
      indicator('two', { confidence: 300 }),
      indicator('three'),
    ]);
    assert.equal(results[0]?.ok, true);
    assert.deepEqual(results[1], {
      ok: false,
      code: 'InvalidInput',
      message: 'confidence must be between 0 and 100.',
    });
    assert.equal(results[2]?.ok, true);
    const ids = t.emu.tiIndicators(t.tenantId).map((v) => v.id);
    assert.deepEqual(
      results.flatMap((r) => (r.ok ? [r.id] : [])),
      ids.slice(-2),
    );
  });

  test('sends more than 100 in calls of 100 and keeps the results in order', async () => {
    const before = submits();
    const many = Array.from({ length: 150 }, (_, i) => indicator(`bulk-${i}`));
    const results = await submitTiIndicators(t.graph, many);
    assert.equal(results.length, 150);
    assert.ok(results.every((r) => r.ok));
    assert.equal(submits() - before, 2);
    assert.equal(counts()['bulk-149'], 1);
  });

  test('deletes by externalId: deleted, then not found', async () => {
    await submitTiIndicators(t.graph, [indicator('gone'), indicator('gone')]);
    const first = await deleteTiIndicatorsByExternalId(t.graph, ['gone', 'never']);
    assert.deepEqual(
      first.map((r) => r.outcome),
      ['deleted', 'notFound'],
    );
    assert.equal(counts().gone, undefined);
    assert.equal((await deleteTiIndicatorsByExternalId(t.graph, ['gone']))[0]?.outcome, 'notFound');
  });

  test('lists page by page, filtered by an externalId with a quote in it', async () => {
    const odd = "trustar|url|https://x.example/it's";
    await submitTiIndicators(t.graph, [indicator(odd), indicator(odd), indicator('other')]);
    const found = await all(listTiIndicators(t.graph, { externalId: odd }, { maxPageSize: 1 }));
    assert.equal(found.length, 2);
    assert.ok(found.every((v) => v.externalId === odd));
    const everything = await all(
      listTiIndicators(t.graph, { targetProduct: 'Azure Sentinel' }, { maxPageSize: 50 }),
    );
    assert.equal(
      everything.length,
      Object.values(counts()).reduce((a, b) => a + b, 0),
    );
  });

  test('waits out a 429 (Retry-After) and sends the submit again; nothing doubles', async () => {
    const before = submits();
    t.emu.addFault({ path: SUBMIT, status: 429, retryAfterSec: 1, times: 2 });
    const results = await submitTiIndicators(t.graph, [indicator('throttled')]);
    assert.equal(results[0]?.ok, true);
    assert.equal(submits() - before, 3);
    assert.equal(counts().throttled, 1);
  });

  test('gives up on a 429 storm with GSOC_GRAPH_THROTTLED', async () => {
    const id = t.emu.addFault({ path: SUBMIT, status: 429, retryAfterSec: 0 });
    try {
      await assert.rejects(submitTiIndicators(t.graph, [indicator('storm')]), (e: unknown) => {
        assert.ok(e instanceof GraphError);
        assert.equal(e.code, 'GSOC_GRAPH_THROTTLED');
        return true;
      });
    } finally {
      t.emu.removeFault(id);
    }
    assert.equal(counts().storm, undefined);
  });

  test('never sends a submit again after a 503 (it may have been done); deleting is retried', async () => {
    const before = submits();
    t.emu.addFault({ path: SUBMIT, status: 503, times: 1 });
    await assert.rejects(submitTiIndicators(t.graph, [indicator('once')]), GraphError);
    assert.equal(submits() - before, 1);
    t.emu.addFault({
      path: '/beta/security/tiIndicators/deleteTiIndicatorsByExternalId',
      status: 503,
      times: 1,
    });
    assert.equal((await deleteTiIndicatorsByExternalId(t.graph, ['once']))[0]?.outcome, 'notFound');
  });

  test('refuses a cut-off answer with GSOC_HTTP_BAD_RESPONSE', async () => {
    t.emu.addFault({ path: SUBMIT, malformedBody: true, times: 1 });
    await assert.rejects(submitTiIndicators(t.graph, [indicator('cut')]), { code: 'GSOC_HTTP_BAD_RESPONSE' });
  });
});
