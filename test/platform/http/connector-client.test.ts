// The one connector client factory: the connector's default limits unless the options set their own,
// the options' retry and random reaching the chain, the connector's error class, auth for its host
// only; and connectorCall passing on only the per-call options a connector call may carry.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import {
  connectorCall,
  createConnectorClient,
  HttpStatusError,
  type HttpStatusErrorInit,
  UpstreamWait,
} from '../../../src/platform/http/index.js';
import { json, RecordingClock, startServer, type TestServer } from './helpers.js';

class TestError extends HttpStatusError {
  constructor(init: HttpStatusErrorInit) {
    super(init, { code: 'GSOC_TEST_FAILED' });
  }
}

describe('createConnectorClient', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startServer();
  });
  after(() => srv.close());

  const spec = () => ({
    service: 'test',
    baseUrl: `${srv.url}/api/`,
    limits: { concurrency: 1 },
    auth: { hosts: [srv.host], getToken: async () => 'token-1' },
    toError: (init: HttpStatusErrorInit) => new TestError(init),
  });
  const slow = () =>
    srv.handle(async (_q, res) => {
      await new Promise((r) => setTimeout(r, 20));
      json(res, 200, { ok: true });
    });

  test("keeps the connector's default limits unless the options set their own", async () => {
    slow();
    const own = createConnectorClient(spec());
    srv.maxInFlight = 0;
    await Promise.all([1, 2, 3].map(() => own.json({ url: 'x' }, z.unknown())));
    assert.equal(srv.maxInFlight, 1);
    await own.close();
    const tuned = createConnectorClient(spec(), { limits: { concurrency: 3 } });
    srv.maxInFlight = 0;
    await Promise.all([1, 2, 3].map(() => tuned.json({ url: 'x' }, z.unknown())));
    assert.equal(srv.maxInFlight, 3);
    await tuned.close();
  });

  test("sends the connector's token to its own host, retries with the options' clock, throws its error", async () => {
    const clock = new RecordingClock();
    const client = createConnectorClient(spec(), { clock, random: () => 0, retry: { maxRetries: 1 } });
    srv.seen.length = 0;
    srv.handle((_q, res) => json(res, 503, {}, { 'retry-after': '2' }));
    await assert.rejects(client.request({ url: 'x' }), (e: unknown) => {
      assert.ok(e instanceof TestError);
      assert.equal(e.status, 503);
      return true;
    });
    assert.equal(srv.seen.length, 2);
    assert.equal(srv.seen[0]?.headers.authorization, 'Bearer token-1');
    assert.equal(srv.seen[0]?.url, '/api/x');
    assert.deepEqual(clock.sleeps, [2000]);
    await client.close();
  });
});

describe('connectorCall', () => {
  test('carries the query, idempotence and per-call options, nothing else', () => {
    const signal = new AbortController().signal;
    const wait = new UpstreamWait();
    const extra = { signal, deadlineAt: 5, wait, retry: { maxRetries: 0 }, headers: { x: 'y' } };
    assert.deepEqual(connectorCall('machines', { ...extra, query: { $top: 1 }, idempotent: true }), {
      url: 'machines',
      query: { $top: 1 },
      idempotent: true,
      signal,
      deadlineAt: 5,
      wait,
      retry: { maxRetries: 0 },
      timeout: undefined,
    });
    assert.deepEqual(connectorCall('x'), {
      url: 'x',
      signal: undefined,
      deadlineAt: undefined,
      wait: undefined,
      retry: undefined,
      timeout: undefined,
    });
  });
});
