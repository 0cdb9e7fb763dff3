// 429 handling against the emulator: waitTime (ms, in the body) honoured and counted through a storm,
// the per-user limit and daily quota under time compression, waits beyond the bound or the count
// refused with GSOC_TRUSTAR_THROTTLED, cancellation during a wait, and the quotas read back.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import {
  getRequestQuotas,
  quotaLeft,
  searchObservables,
  type ThrottleEvent,
  type TrustarClient,
  TrustarThrottledError,
} from '../../../src/connectors/trustar/index.js';
import { clientFor, collect, trustarFixture, wholeCorpus } from './helpers.js';

describe('trustar connector: 429 and quotas', () => {
  const f = trustarFixture({ corpusSize: 2000 });
  const clients: TrustarClient[] = [];
  const waits: ThrottleEvent[] = [];
  const client = (opts: Parameters<typeof clientFor>[2] = {}) => {
    const c = clientFor(f.em, {}, { onThrottled: (e) => waits.push(e), ...opts });
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    waits.splice(0);
    f.em.reset();
  });

  test('survives a 429 storm, waiting each waitTime once, and loses nothing', async () => {
    const c = client();
    await c.ping();
    f.em.storm(6, 15);
    const { items } = await collect(searchObservables(c, { ...wholeCorpus(), pageSize: 500 }));
    assert.equal(items.length, 2000);
    assert.equal(waits.length, 6);
    assert.ok(waits.every((w) => w.waitMs === 15 && w.path === '/api/2.0/observables/search'));
    assert.equal(f.em.requests().filter((r) => r.status === 429).length, 6);
  });

  test('keeps to the per-user limit under time compression by waiting what TruSTAR says', async () => {
    // 3 calls per minute, a minute compressed to 100 ms.
    f.em.setLimits({ perMinute: 3, timeScale: 600 });
    const c = client();
    const { items, pages } = await collect(searchObservables(c, { ...wholeCorpus(), pageSize: 200 }));
    assert.equal(items.length, 2000);
    assert.equal(pages, 10);
    assert.ok(waits.length >= 2, `${waits.length} waits`);
    assert.ok(waits.every((w) => w.waitMs > 0 && w.waitMs <= 100));
  });

  test('refuses a wait longer than maxWaitMs with the wait in the error (a spent daily quota)', async () => {
    f.em.setLimits({ dailyQuota: 2 });
    const c = client();
    await c.ping();
    const pages = searchObservables(c, { ...wholeCorpus(), pageSize: 100 });
    await pages.next();
    await pages.next();
    await assert.rejects(pages.next(), (e: unknown) => {
      assert.ok(e instanceof TrustarThrottledError);
      assert.equal(e.code, 'GSOC_TRUSTAR_THROTTLED');
      assert.equal(e.retryable, true);
      assert.ok(e.retryAfterMs > 60_000);
      return true;
    });
    const quotas = await getRequestQuotas(c);
    assert.equal(quotas[0]?.maxRequests, 2);
    assert.equal(quotas[0]?.usedRequests, 2);
    assert.equal(quotaLeft(quotas)?.left, 0);
    assert.equal(waits.length, 0);
  });

  test('gives up after maxThrottleWaits 429s in a row', async () => {
    const c = client({ maxThrottleWaits: 3 });
    await c.ping();
    f.em.storm(10, 1);
    await assert.rejects(
      searchObservables(c, wholeCorpus()).next(),
      (e: unknown) => e instanceof TrustarThrottledError && /gave up after 3 waits/.test(e.message),
    );
    assert.equal(waits.length, 3);
  });

  test('stops waiting as soon as the caller aborts', async () => {
    const c = client();
    await c.ping();
    f.em.storm(1, 30_000);
    const ac = new AbortController();
    const pending = searchObservables(c, wholeCorpus(), { signal: ac.signal }).next();
    while (waits.length === 0) await new Promise((r) => setImmediate(r));
    ac.abort();
    await assert.rejects(pending, (e: unknown) => (e as { code?: string }).code === 'GSOC_HTTP_ABORTED');
  });

  test('reads the request quotas without spending them', async () => {
    const c = client();
    await getRequestQuotas(c);
    await getRequestQuotas(c);
    const [quota] = await getRequestQuotas(c);
    assert.equal(quota?.usedRequests, 0);
    assert.equal(quota?.timeWindow, 86_400_000);
    assert.ok((quota?.nextResetTime ?? 0) > Date.now());
  });
});
