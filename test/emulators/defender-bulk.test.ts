// The emulated Defender bulk indicator APIs over real HTTPS: import (500 per call, per-item answers
// in order, upsert by type and value, the tenant cap), BatchDelete (all or nothing, 404 when one id is
// unknown), list paging with $top, $skip and nextLink, what an app with Ti.ReadWrite alone sees,
// expiry, and the bulk APIs' own 30-a-minute limit under a compressed clock.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { defender, defenderToken, lit } from './defender-helpers.js';
import { CLIENT, http, TENANT, type TestEmulator, startTestEmulator } from './helpers.js';

const OTHER_APP = '22222222-2222-4222-8222-222222222222';
const FUTURE = '2099-01-01T00:00:00Z';

const item = (n: number, over: Record<string, unknown> = {}) => ({
  indicatorValue: `evil${n}.example`,
  indicatorType: 'DomainName',
  action: 'Block',
  title: `t${n}`,
  description: 'd',
  severity: 'High',
  expirationTime: FUTURE,
  generateAlert: true,
  ...over,
});
const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => item(from + i));

describe('Defender emulator bulk indicators', () => {
  let t: TestEmulator;
  let token: string;
  const post = (path: string, body: unknown, as = token) => defender(t, as, path, { method: 'POST', body });
  const importAll = (list: unknown[], as = token) => post('/api/indicators/import', { Indicators: list }, as);

  before(async () => {
    t = await startTestEmulator();
    token = await defenderToken(t, ['Ti.ReadWrite.All']);
  });
  after(() => t.close());
  beforeEach(() => {
    t.em.reset();
    t.em.addTenant({ id: TENANT, displayName: 'Contoso' });
  });

  test('import answers one result per item in order, failures per item, and upserts by type and value', async () => {
    const list = [item(1), item(2, { indicatorValue: '10.0.0.1', indicatorType: 'IpAddress' }), item(3)];
    const res = await importAll(list);
    assert.equal(res.status, 200, res.text);
    const value = res.body.value;
    assert.deepEqual(
      value.map((v: { indicator: string; isFailed: boolean }) => [v.indicator, v.isFailed]),
      [
        ['evil1.example', false],
        ['10.0.0.1', true],
        ['evil3.example', false],
      ],
    );
    assert.match(value[1].failureReason, /external IP/);
    const again = await importAll([item(1, { severity: 'Low', indicatorValue: 'EVIL1.example' })]);
    assert.equal(again.body.value[0].id, value[0].id, 'the same indicator is updated');
    const stats = t.em.defenderStats(TENANT);
    assert.equal(stats.indicators, 2);
    assert.equal(stats.writes['DomainName|evil1.example'], 2);
    assert.equal(stats.calls['indicators-import'], 2);
    const stored = t.em.defenderData(TENANT).indicators.find((i) => i.id === value[0].id);
    assert.equal(stored?.severity, 'Low');
    assert.equal(stored?.createdBy, CLIENT);
  });

  test('import refuses an empty list and more than 500 items with the documented errors', async () => {
    const empty = await importAll([]);
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.code, 'InvalidRequestBody');
    const big = await importAll(items(0, 501));
    assert.equal(big.status, 400);
    assert.equal(big.body.error.code, 'MaximumBatchSizeExceeded');
    assert.equal(big.body.error.message, 'Maximum batch size exceeded. Received: 501, allowed: 500.');
    assert.ok(big.body.error.target);
    const ok = await importAll(items(0, 500));
    assert.equal(ok.status, 200);
    assert.equal(ok.body.value.length, 500);
    const wrongCase = await post('/api/indicators/import', { indicators: [item(1)] });
    assert.equal(wrongCase.status, 400, 'body parameters are case-sensitive');
  });

  test('past the tenant cap new items fail one by one while updates still succeed', async () => {
    t.em.setDefenderIndicatorCap(3);
    await importAll(items(0, 2));
    const res = await importAll([item(0, { severity: 'Low' }), item(10), item(11), item(1)]);
    const failed = res.body.value.map((v: { isFailed: boolean }) => v.isFailed);
    assert.deepEqual(failed, [false, false, true, false]);
    assert.match(res.body.value[2].failureReason, /maximum number of active indicators.*\(3\)/);
    assert.equal(t.em.defenderStats(TENANT).indicators, 3);
  });

  test('BatchDelete deletes all ids or, when one is unknown, none (404)', async () => {
    const ids = (await importAll(items(0, 3))).body.value.map((v: { id: string }) => v.id);
    const missing = await post('/api/indicators/BatchDelete', { IndicatorIds: [ids[0], '999999'] });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'ResourceNotFound');
    assert.equal(t.em.defenderStats(TENANT).indicators, 3, 'nothing deleted');
    const ok = await post('/api/indicators/BatchDelete', { IndicatorIds: [ids[0], ids[1]] });
    assert.equal(ok.status, 204);
    assert.equal(t.em.defenderStats(TENANT).indicators, 1);
    for (const bad of [[], Array.from({ length: 501 }, (_, i) => String(i + 1)), ['abc'], [{}]]) {
      const res = await post('/api/indicators/BatchDelete', { IndicatorIds: bad });
      assert.equal(res.status, 400, JSON.stringify(bad).slice(0, 40));
    }
  });

  test('lists page by $top and $skip with an @odata.nextLink until the last page', async () => {
    await importAll(items(0, 250));
    const seen: string[] = [];
    let path: string | undefined = '/api/indicators?$top=100';
    let pages = 0;
    while (path !== undefined) {
      const res = await defender(t, token, path);
      assert.equal(res.status, 200, res.text);
      seen.push(...res.body.value.map((v: { id: string }) => v.id));
      const next: string | undefined = res.body['@odata.nextLink'];
      path = next === undefined ? undefined : next.slice(t.em.defenderUrl.length);
      pages++;
    }
    assert.equal(pages, 3);
    assert.equal(new Set(seen).size, 250);
    const huge = await defender(t, token, '/api/indicators?$top=20000');
    assert.equal(huge.body.value.length, 250, '$top is capped at 10,000, not refused');
    assert.equal((await defender(t, token, '/api/indicators?$skip=x')).status, 400);
  });

  test('filters on createdBy; an app with Ti.ReadWrite alone sees and deletes only its own', async () => {
    await importAll(items(0, 2));
    const other = await t.em.issueAccessToken({
      tenantId: TENANT,
      clientId: OTHER_APP,
      resource: 'https://api.securitycenter.microsoft.com',
      roles: ['Ti.ReadWrite'],
    });
    const theirs = await importAll([item(50)], other);
    assert.equal(theirs.status, 200);
    const ownOnly = await defender(t, other, '/api/indicators');
    assert.deepEqual(
      ownOnly.body.value.map((v: { indicatorValue: string }) => v.indicatorValue),
      ['evil50.example'],
    );
    const mine = await defender(t, token, `/api/indicators?$filter=createdBy eq ${lit(CLIENT)}`);
    assert.equal(mine.body.value.length, 2);
    const someoneElses = (await defender(t, token, '/api/indicators')).body.value[0].id;
    const refused = await post('/api/indicators/BatchDelete', { IndicatorIds: [someoneElses] }, other);
    assert.equal(refused.status, 404);
  });

  test('an expired indicator is gone, as Defender deletes it', async () => {
    const [id] = (await importAll(items(0, 2))).body.value.map((v: { id: string }) => v.id);
    t.em.seedDefender(TENANT, { indicators: [{ ...item(0), expirationTime: '2020-01-01T00:00:00Z' }] });
    const list = await defender(t, token, '/api/indicators');
    assert.equal(list.body.value.length, 1);
    const del = await post('/api/indicators/BatchDelete', { IndicatorIds: [id] });
    assert.equal(del.status, 404);
  });

  test('import and BatchDelete each allow 30 calls a minute, then 429 with Retry-After', async () => {
    t.em.setDefenderRateLimit({ perMinute: 100, perHour: 1500, timeScale: 60 });
    for (let i = 0; i < 30; i++) assert.equal((await importAll([item(i)])).status, 200);
    const refused = await importAll([item(99)]);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'TooManyRequests');
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, String(retryAfter));
    // BatchDelete has a budget of its own.
    const del = await post('/api/indicators/BatchDelete', { IndicatorIds: ['999999'] });
    assert.equal(del.status, 404);
    const stats = t.em.defenderStats(TENANT);
    assert.equal(stats.throttled, 1);
    assert.equal(stats.calls['indicators-import'], 31);
  });

  test('the control API sets the indicator cap and the limits with their time scale', async () => {
    const put = (path: string, body: unknown) =>
      http(t.agent, `${t.em.defenderUrl}/_emulator/defender/${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal((await put('indicator-cap', { cap: 1 })).status, 204);
    assert.equal(
      (await put('rate', { perMinute: 5, perHour: 100, bulkPerMinute: 1, timeScale: 60 })).status,
      204,
    );
    assert.equal((await put('rate', { perMinute: 0, perHour: 1 })).status, 400);
    const first = await importAll([item(1), item(2)]);
    assert.deepEqual(
      first.body.value.map((v: { isFailed: boolean }) => v.isFailed),
      [false, true],
    );
    assert.equal((await importAll([item(3)])).status, 429);
  });
});

test('with its own clock, the Defender listener expires indicators and frees rate windows as that clock moves', async () => {
  let now = Date.UTC(2030, 0, 1);
  const t = await startTestEmulator({ defenderNow: () => now });
  try {
    t.em.addTenant({ id: TENANT, displayName: 'Contoso' });
    const token = await defenderToken(t, ['Ti.ReadWrite.All']);
    t.em.setDefenderRateLimit({ perMinute: 100, perHour: 1500, bulkPerMinute: 1 });
    const soon = new Date(now + 3_600_000).toISOString();
    const body = { Indicators: [item(1, { expirationTime: soon }), item(2)] };
    const first = await defender(t, token, '/api/indicators/import', { method: 'POST', body });
    assert.equal(first.status, 200);
    const second = await defender(t, token, '/api/indicators/import', { method: 'POST', body });
    assert.equal(second.status, 429);
    now += 2 * 3_600_000;
    assert.equal(t.em.defenderStats(TENANT).indicators, 1, 'the expired one is gone');
    const third = await defender(t, token, '/api/indicators/import', {
      method: 'POST',
      body: { Indicators: [item(3)] },
    });
    assert.equal(third.status, 200, 'the minute has passed on this clock');
  } finally {
    await t.close();
  }
});
