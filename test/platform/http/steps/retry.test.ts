import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  createHttpClient,
  HttpStatusError,
  HttpTransportError,
} from '../../../../src/platform/http/index.js';
import { json, RecordingClock, startServer, type TestServer } from '../helpers.js';

describe('retry step', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startServer();
  });
  after(() => srv.close());
  beforeEach(() => {
    srv.seen.length = 0;
  });

  function client(clock: RecordingClock, random = () => 0.5) {
    return createHttpClient({ service: 'test', baseUrl: srv.url, clock, random });
  }

  test('retries a 429 after Retry-After given in seconds', async () => {
    srv.handle((_q, r, _b, n) =>
      n === 1 ? json(r, 429, {}, { 'retry-after': '7' }) : json(r, 200, { ok: 1 }),
    );
    const clock = new RecordingClock();
    const res = await client(clock).request({ url: '/x' });
    assert.equal(res.status, 200);
    assert.equal(res.attempts, 2);
    assert.deepEqual(clock.sleeps, [7000]);
  });

  test('retries a 429 after Retry-After given as an HTTP date', async () => {
    const clock = new RecordingClock();
    const at = new Date(clock.now() + 4000).toUTCString();
    srv.handle((_q, r, _b, n) => (n === 1 ? json(r, 429, {}, { 'retry-after': at }) : json(r, 200, {})));
    await client(clock).request({ url: '/x' });
    assert.deepEqual(clock.sleeps, [4000]);
  });

  test('caps a long Retry-After at maxRetryAfterMs', async () => {
    srv.handle((_q, r, _b, n) => (n === 1 ? json(r, 429, {}, { 'retry-after': '3600' }) : json(r, 200, {})));
    const clock = new RecordingClock();
    await client(clock).request({ url: '/x', retry: { maxRetryAfterMs: 20_000 } });
    assert.deepEqual(clock.sleeps, [20_000]);
  });

  test('retries 503 and 504 with backoff when there is no Retry-After', async () => {
    srv.handle((_q, r, _b, n) => json(r, n === 1 ? 503 : n === 2 ? 504 : 200, {}));
    const clock = new RecordingClock();
    const res = await client(clock, () => 0.99).request({ url: '/x' });
    assert.equal(res.status, 200);
    assert.equal(srv.seen.length, 3);
    assert.equal(clock.sleeps.length, 2);
  });

  test('does not retry a 500', async () => {
    srv.handle((_q, r) => json(r, 500, {}));
    const clock = new RecordingClock();
    await assert.rejects(client(clock).request({ url: '/x' }), (e: unknown) => {
      assert.ok(e instanceof HttpStatusError);
      assert.equal(e.status, 500);
      assert.equal(e.code, 'GSOC_HTTP_REMOTE_FAILED');
      return true;
    });
    assert.equal(srv.seen.length, 1);
    assert.deepEqual(clock.sleeps, []);
  });

  test('does not retry a POST unless the caller marks it idempotent', async () => {
    srv.handle((_q, r) => json(r, 503, {}));
    const clock = new RecordingClock();
    await assert.rejects(
      client(clock).request({ method: 'POST', url: '/x', json: { a: 1 } }),
      HttpStatusError,
    );
    assert.equal(srv.seen.length, 1);
    srv.seen.length = 0;
    srv.handle((_q, r, _b, n) => json(r, n === 1 ? 503 : 200, {}));
    const res = await client(clock).request({ method: 'POST', url: '/x', json: { a: 1 }, idempotent: true });
    assert.equal(res.status, 200);
    assert.equal(srv.seen.length, 2);
    assert.equal(srv.seen[1]?.body, '{"a":1}');
  });

  test('never retries a streamed request body', async () => {
    srv.handle((_q, r) => json(r, 503, {}));
    async function* chunks() {
      yield Buffer.from('part');
    }
    await assert.rejects(
      client(new RecordingClock()).request({ method: 'PUT', url: '/x', body: chunks() }),
      HttpStatusError,
    );
    assert.equal(srv.seen.length, 1);
  });

  test('backoff grows exponentially with full jitter within its bounds', async () => {
    srv.handle((_q, r) => json(r, 503, {}));
    const top = new RecordingClock();
    const opts = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    await assert.rejects(client(top, () => 0.999999).request({ url: '/x', retry: opts }));
    assert.deepEqual(top.sleeps, [99, 199, 399, 799, 999]);
    const bottom = new RecordingClock();
    await assert.rejects(client(bottom, () => 0).request({ url: '/x', retry: opts }));
    assert.deepEqual(bottom.sleeps, [0, 0, 0, 0, 0]);
    const real = new RecordingClock();
    await assert.rejects(client(real, Math.random).request({ url: '/x', retry: opts }));
    const ceilings = [100, 200, 400, 800, 1000];
    for (const [i, d] of real.sleeps.entries())
      assert.ok(d >= 0 && d < (ceilings[i] ?? 0), `delay ${i} = ${d}`);
  });

  test('stops at once when the next wait would pass the deadline', async () => {
    srv.handle((_q, r) => json(r, 503, {}, { 'retry-after': '3' }));
    const clock = new RecordingClock();
    const deadlineAt = clock.now() + 5000;
    await assert.rejects(
      client(clock).request({ url: '/x', deadlineAt, retry: { maxRetries: 10 } }),
      (e: unknown) => {
        assert.ok(e instanceof HttpTransportError);
        assert.equal(e.code, 'GSOC_HTTP_DEADLINE_EXCEEDED');
        return true;
      },
    );
    assert.deepEqual(clock.sleeps, [3000]);
    assert.equal(srv.seen.length, 2);
  });

  test('gives up after maxRetries and keeps the last status', async () => {
    srv.handle((_q, r) => json(r, 429, {}, { 'retry-after': '1' }));
    const clock = new RecordingClock();
    await assert.rejects(client(clock).request({ url: '/x', retry: { maxRetries: 2 } }), (e: unknown) => {
      assert.ok(e instanceof HttpStatusError);
      assert.equal(e.code, 'GSOC_HTTP_THROTTLED');
      assert.equal(e.details?.attempts, 3);
      return true;
    });
    assert.equal(srv.seen.length, 3);
  });

  test('rejects an override beyond its bound', async () => {
    await assert.rejects(client(new RecordingClock()).request({ url: '/x', retry: { maxRetries: 99 } }), {
      code: 'GSOC_HTTP_OPTIONS_INVALID',
    });
  });
});
