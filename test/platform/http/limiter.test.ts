import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHttpClient, HttpTransportError } from '../../../src/platform/http/index.js';
import { json, ManualClock, RecordingClock, startServer, type TestServer, until } from './helpers.js';

describe('per-host limits', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startServer();
  });
  after(() => srv.close());

  test('keeps in-flight requests to a host within the concurrency limit', async () => {
    srv.seen.length = 0;
    srv.maxInFlight = 0;
    srv.handle((_q, r) => setTimeout(() => json(r, 200, {}), 15));
    const client = createHttpClient({ service: 'test', baseUrl: srv.url, limits: { concurrency: 3 } });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => client.request({ url: `/c/${i}` })),
    );
    assert.equal(results.length, 12);
    assert.equal(srv.seen.length, 12);
    assert.equal(srv.maxInFlight, 3);
    await client.close();
  });

  test('a per-host override replaces the default limit', async () => {
    srv.maxInFlight = 0;
    srv.handle((_q, r) => setTimeout(() => json(r, 200, {}), 10));
    const client = createHttpClient({
      service: 'test',
      baseUrl: srv.url,
      limits: { concurrency: 8, hosts: { [srv.host]: { concurrency: 1 } } },
    });
    await Promise.all(Array.from({ length: 5 }, () => client.request({ url: '/one' })));
    assert.equal(srv.maxInFlight, 1);
    await client.close();
  });

  test('spaces requests by the token bucket: burst at once, then one per 1/rate', async () => {
    srv.seen.length = 0;
    srv.handle((_q, r) => json(r, 200, {}));
    const clock = new ManualClock();
    const client = createHttpClient({
      service: 'test',
      baseUrl: srv.url,
      clock,
      limits: { ratePerSec: 2, burst: 2 },
    });
    const all = Promise.all(Array.from({ length: 6 }, (_, i) => client.request({ url: `/r/${i}` })));
    await until(() => srv.seen.length === 2);
    for (const expected of [3, 4, 5, 6]) {
      assert.equal(srv.seen.length, expected - 1, 'no request goes out before its token');
      clock.advance(500);
      await until(() => srv.seen.length === expected);
    }
    await all;
    assert.equal(srv.seen.length, 6);
    await client.close();
  });

  test('a rate wait that would pass the deadline fails at once', async () => {
    srv.handle((_q, r) => json(r, 200, {}));
    const clock = new RecordingClock();
    const client = createHttpClient({
      service: 'test',
      baseUrl: srv.url,
      clock,
      limits: { ratePerSec: 1, burst: 1 },
    });
    await client.request({ url: '/first' });
    await assert.rejects(client.request({ url: '/second', deadlineAt: clock.now() + 100 }), (e: unknown) => {
      assert.ok(e instanceof HttpTransportError);
      assert.equal(e.code, 'GSOC_HTTP_DEADLINE_EXCEEDED');
      return true;
    });
    // It never sleeps for the token (about 1000 ms). A slot wait bounded by the deadline may show up in
    // the recording clock when the first request's slot is handed back just after it returned.
    assert.ok(
      clock.sleeps.every((ms) => ms <= 100),
      `slept ${clock.sleeps.join(', ')} ms`,
    );
    await client.close();
  });

  test('a request waiting for a slot fails when its deadline passes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    srv.handle(async (_q, r) => {
      await gate;
      json(r, 200, {});
    });
    const clock = new ManualClock();
    const client = createHttpClient({ service: 'test', baseUrl: srv.url, clock, limits: { concurrency: 1 } });
    const first = client.request({ url: '/slow' });
    await until(() => srv.inFlight === 1);
    const second = client.request({ url: '/queued', deadlineAt: clock.now() + 1000 });
    await until(() => clock.sleeps.length === 1);
    clock.advance(1000);
    await assert.rejects(second, { code: 'GSOC_HTTP_DEADLINE_EXCEEDED' });
    release();
    assert.equal((await first).status, 200);
    const third = await client.request({ url: '/after' });
    assert.equal(third.status, 200, 'the slot of the failed waiter is not lost');
    await client.close();
  });
});
