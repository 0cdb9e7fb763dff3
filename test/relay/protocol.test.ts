import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RelayHarness, startRelay } from './helpers.js';

describe('relay protocol over HTTP (echo module under /relay/echo)', () => {
  let r: RelayHarness;
  before(async () => {
    r = await startRelay();
  });
  after(() => r.close());

  test('/health answers {"data":{"status":"ok"}} with a valid configuration token', async () => {
    const res = await r.post('/relay/echo/health', {});
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { data: { status: 'ok' } });
  });

  test('/observe/observables dedupes, trims, skips unsupported types with one warning each, keeps data', async () => {
    const res = await r.post('/relay/echo/observe/observables', [
      { type: 'ip', value: '10.0.0.1' },
      { type: 'ip', value: '10.0.0.1' },
      { type: 'domain', value: ' evil.example ' },
      { type: 'mutex', value: 'm1' },
      { type: 'mutex', value: 'm2' },
      { type: 'registry_key', value: 'HKLM' },
    ]);
    assert.equal(res.status, 200);
    const data = res.body.data as { sightings: { count: number; docs: unknown[] }; tenant: string };
    assert.equal(data.sightings.count, 2);
    assert.deepEqual(data.sightings.docs, [
      { type: 'ip', value: '10.0.0.1' },
      { type: 'domain', value: 'evil.example' },
    ]);
    assert.equal(data.tenant, 'tenant-1');
    assert.deepEqual(
      res.body.errors?.map((e) => [e.code, e.type]),
      [
        ['unsupported type', 'warning'],
        ['unsupported type', 'warning'],
      ],
    );
  });

  test("routes a module lacks answer with the seeds' defaults", async () => {
    assert.deepEqual(
      (await r.post('/relay/echo/deliberate/observables', [{ type: 'ip', value: '1.1.1.1' }])).body,
      { data: {} },
    );
    assert.deepEqual(
      (await r.post('/relay/echo/respond/observables', [{ type: 'ip', value: '1.1.1.1' }])).body,
      { data: [] },
    );
    assert.deepEqual((await r.post('/relay/echo/tiles', {})).body, { data: [] });
    assert.deepEqual((await r.post('/relay/echo/tiles/tile', { tile_id: 'x' })).body, { data: {} });
    const trigger = await r.post('/relay/echo/respond/trigger', {
      'action-id': 'a',
      observable_type: 'ip',
      observable_value: '1.1.1.1',
    });
    assert.deepEqual(trigger.body, { data: { status: 'failure' } });
    assert.deepEqual(
      (await r.post('/relay/echo/refer/observables', [{ type: 'ip', value: '1.1.1.1' }])).body,
      {
        data: [{ id: 'ref-1.1.1.1' }],
      },
    );
  });

  test('/version needs no token and is not wrapped in data', async () => {
    const res = await r.post('/relay/echo/version', {}, null);
    assert.deepEqual(res.body, { version: '9.9.9' });
  });

  test("GET /watchdog echoes the Health-Check header, and without it answers the seeds' error", async () => {
    const ok = await fetch(`${r.url}/relay/echo/watchdog`, { headers: { 'Health-Check': 'ping-42' } });
    assert.deepEqual(await ok.json(), { data: 'ping-42' });
    const bad = await fetch(`${r.url}/relay/echo/watchdog`);
    assert.equal(bad.status, 200);
    assert.deepEqual(await bad.json(), {
      errors: [{ code: 'health check failed', message: 'Invalid Health Check', type: 'fatal' }],
    });
  });

  test("unknown routes answer 404 and wrong methods 405 with the seeds' bodies", async () => {
    const nf = await fetch(`${r.url}/relay/echo/observe/nothing`, { method: 'POST' });
    assert.equal(nf.status, 404);
    assert.equal(((await nf.json()) as { code: number }).code, 404);
    const na = await fetch(`${r.url}/relay/echo/observe/observables`);
    assert.equal(na.status, 405);
    assert.equal(((await na.json()) as { code: number }).code, 405);
  });

  test("a module that throws answers the protocol's unknown error, logged but not leaked", async () => {
    const res = await r.post('/relay/echo/observe/observables', [{ type: 'ip', value: 'crash' }]);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      errors: [{ code: 'unknown', message: 'Something went wrong.', type: 'fatal' }],
    });
    assert.match(r.log.text, /relay request failed/);
  });

  test('the client secret claim never reaches the log', async () => {
    await r.post('/relay/echo/health', {});
    assert.ok(!r.log.text.includes('s3cret-value'));
  });
});
