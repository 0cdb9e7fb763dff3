// Outages and hostile answers from the emulator: 503/504 and dropped connections retried, a 500
// reported with its Trace-Id, bodies that are not JSON or miss documented fields, a cursor that does
// not move, and 4xx reasons kept — each a typed GSOC_TRUSTAR_* error, never a crash or a loop.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import {
  searchObservables,
  type TrustarClient,
  TrustarError,
  TrustarResponseError,
} from '../../../src/connectors/trustar/index.js';
import { clientFor, collect, trustarFixture, wholeCorpus } from './helpers.js';

const SEARCH = '/api/2.0/observables/search';

describe('trustar connector: faults', () => {
  const f = trustarFixture({ corpusSize: 1500 });
  const clients: TrustarClient[] = [];
  const client = () => {
    const c = clientFor(f.em);
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    f.em.reset();
  });

  const firstPage = (c: TrustarClient) => searchObservables(c, wholeCorpus()).next();

  test('retries 503 and 504 with backoff and dropped connections, then pages on', async () => {
    const c = client();
    f.em.addFault({ path: SEARCH, status: 503, times: 1 });
    f.em.addFault({ path: SEARCH, status: 504, times: 1 });
    f.em.addFault({ path: SEARCH, resetConnection: true, times: 1 });
    const { items } = await collect(searchObservables(c, wholeCorpus()));
    assert.equal(items.length, 1500);
    assert.deepEqual(
      f.em
        .requests()
        .filter((r) => r.path === SEARCH)
        .map((r) => r.status),
      [503, 504, 0, 200, 200],
    );
  });

  test('reports a 500 at once as GSOC_TRUSTAR_SERVICE_FAILED with the Trace-Id', async () => {
    const c = client();
    f.em.addFault({ path: SEARCH, status: 500, message: 'boom' });
    await assert.rejects(firstPage(c), (e: unknown) => {
      assert.ok(e instanceof TrustarError);
      assert.equal(e.code, 'GSOC_TRUSTAR_SERVICE_FAILED');
      assert.equal(e.retryable, true);
      assert.match(e.message, /boom/);
      assert.match(e.requestId ?? '', /^[0-9a-f]{16}$/);
      return true;
    });
    assert.equal(f.em.requests().filter((r) => r.path === SEARCH).length, 1);
  });

  test('gives up with SERVICE_FAILED when 503s outlast the retries', async () => {
    const c = client();
    f.em.addFault({ path: SEARCH, status: 503 });
    await assert.rejects(firstPage(c), (e: unknown) => e instanceof TrustarError && e.status === 503);
    assert.equal(f.em.requests().filter((r) => r.path === SEARCH).length, 4);
  });

  test('keeps the reason of a 400 in GSOC_TRUSTAR_REQUEST_REJECTED', async () => {
    const c = client();
    f.em.addFault({ path: SEARCH, status: 400, message: 'Time window can not be greater than 1 year.' });
    await assert.rejects(
      firstPage(c),
      (e: unknown) =>
        e instanceof TrustarError && e.code === 'GSOC_TRUSTAR_REQUEST_REJECTED' && /1 year/.test(e.message),
    );
  });

  for (const [kind, pattern] of [
    [undefined, /is not JSON/],
    ['html', /is not JSON/],
    ['shape', /items\.0\.value/],
  ] as const) {
    test(`answers a malformed body (${kind ?? 'truncated JSON'}) with GSOC_TRUSTAR_BAD_RESPONSE`, async () => {
      const c = client();
      f.em.addFault({ path: SEARCH, malformedBody: true, ...(kind ? { code: kind } : {}) });
      await assert.rejects(firstPage(c), (e: unknown) => {
        assert.ok(e instanceof TrustarResponseError);
        assert.equal(e.code, 'GSOC_TRUSTAR_BAD_RESPONSE');
        assert.match(e.message, pattern);
        assert.ok(!e.message.includes('203.0.113'), 'no values quoted');
        return true;
      });
    });
  }

  test('stops with GSOC_TRUSTAR_CURSOR_STUCK when the answer repeats the cursor', async () => {
    const c = client();
    const pages = searchObservables(c, wholeCorpus());
    await pages.next();
    f.em.addFault({ path: SEARCH, malformedBody: true, code: 'same-cursor' });
    await assert.rejects(
      pages.next(),
      (e: unknown) => e instanceof TrustarResponseError && e.code === 'GSOC_TRUSTAR_CURSOR_STUCK',
    );
    assert.equal(f.em.requests().filter((r) => r.path === SEARCH).length, 2);
  });

  test('rides out a slow answer within the timeout', async () => {
    const c = client();
    f.em.addFault({ path: SEARCH, latencyMs: 50, times: 1 });
    const page = await firstPage(c);
    assert.equal(page.value?.items.length, 1000);
  });
});
