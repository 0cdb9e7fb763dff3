// The Defender connector's bulk indicator calls against the emulated MDE API over HTTPS: import with
// per-item results in order, BatchDelete (204, and 404 as a typed error when one id is unknown),
// listing every indicator page by page, and a 429 waited out on the client's clock and reported.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  batchDeleteIndicators,
  DefenderError,
  type ImportIndicator,
  importIndicators,
  listAllIndicators,
} from '../../../../src/connectors/microsoft/defender/index.js';
import { CLIENT_ID, TENANT_ID } from '../helpers.js';
import { ANALYST_APP, type BulkSetup, FUTURE_MS, startBulkSetup } from './bulk-setup.js';

const domain = (n: number): ImportIndicator => ({
  indicatorValue: `bad${n}.example.org`,
  indicatorType: 'DomainName',
  action: 'Block',
  title: `bad ${n}`,
  description: 'from a test',
  severity: 'High',
  expirationTime: new Date(FUTURE_MS).toISOString(),
  generateAlert: true,
});
const domains = (from: number, count: number) => Array.from({ length: count }, (_, i) => domain(from + i));

const optionsInvalid = (e: unknown) =>
  e instanceof Error && (e as { code?: string }).code === 'GSOC_HTTP_OPTIONS_INVALID';

async function collect<T>(pages: AsyncIterable<T[]>): Promise<{ pages: number; items: T[] }> {
  const items: T[] = [];
  let pages_ = 0;
  for await (const page of pages) {
    pages_++;
    items.push(...page);
  }
  return { pages: pages_, items };
}

describe('defender client bulk indicators (against the Defender emulator)', () => {
  let s: BulkSetup;
  before(async () => {
    s = await startBulkSetup();
  });
  after(() => s.close());
  beforeEach(() => s.reset());

  test('import answers one result per item, in order, with failures per item', async () => {
    const results = await importIndicators(s.client, [
      domain(1),
      { ...domain(2), indicatorValue: '192.168.1.1', indicatorType: 'IpAddress' },
      domain(3),
    ]);
    assert.deepEqual(
      results.map((r) => [r.indicator, r.isFailed]),
      [
        ['bad1.example.org', false],
        ['192.168.1.1', true],
        ['bad3.example.org', false],
      ],
    );
    assert.match(results[1]?.failureReason ?? '', /external IP/);
    assert.equal(typeof results[0]?.id, 'string');
    const again = await importIndicators(s.client, [{ ...domain(1), severity: 'Low' }]);
    assert.equal(again[0]?.id, results[0]?.id, 'an upsert keeps the id');
  });

  test('refuses an empty or oversized import before calling', async () => {
    await assert.rejects(importIndicators(s.client, []), optionsInvalid);
    await assert.rejects(importIndicators(s.client, domains(0, 501)), optionsInvalid);
    await assert.rejects(batchDeleteIndicators(s.client, []), optionsInvalid);
    assert.equal(s.emu.defenderStats(TENANT_ID).calls['indicators-import'], undefined);
  });

  test('BatchDelete answers 204, and a typed 404 when one id is unknown', async () => {
    const ids = (await importIndicators(s.client, domains(0, 3))).map((r) => r.id ?? '');
    await assert.rejects(batchDeleteIndicators(s.client, [ids[0] ?? '', '987654']), (e: unknown) => {
      assert.ok(e instanceof DefenderError);
      assert.equal(e.status, 404);
      assert.equal(e.code, 'GSOC_DEFENDER_NOT_FOUND');
      return true;
    });
    await batchDeleteIndicators(s.client, ids);
    assert.equal(s.emu.defenderStats(TENANT_ID).indicators, 0);
  });

  test('lists every indicator page by page, or only one app’s', async () => {
    await importIndicators(s.client, domains(0, 25));
    await importIndicators(s.analyst, [domain(100)]);
    const all = await collect(listAllIndicators(s.client, { pageSize: 10 }));
    assert.equal(all.pages, 3);
    assert.equal(new Set(all.items.map((i) => i.id)).size, 26);
    const ours = await collect(listAllIndicators(s.client, { createdBy: CLIENT_ID }));
    assert.equal(ours.pages, 1);
    assert.equal(ours.items.length, 25);
    assert.ok(ours.items.every((i) => i.createdBy === CLIENT_ID));
    const theirs = all.items.filter((i) => i.createdBy === ANALYST_APP);
    assert.deepEqual(
      theirs.map((i) => i.indicatorValue),
      ['bad100.example.org'],
    );
  });

  test('a 429 is reported to onThrottled and waited out after Retry-After', async () => {
    s.emu.setDefenderRateLimit({ perMinute: 100, perHour: 1500, bulkPerMinute: 2, timeScale: 600 });
    for (let i = 0; i < 5; i++) {
      const r = await importIndicators(s.client, [domain(i)]);
      assert.equal(r[0]?.isFailed, false);
    }
    const stats = s.emu.defenderStats(TENANT_ID);
    assert.ok(stats.throttled > 0, 'the limit was met');
    assert.equal(s.throttles.length, stats.throttled);
    assert.ok(s.throttles.every((t) => t.path === '/api/indicators/import' && (t.retryAfterMs ?? 0) >= 1000));
    assert.equal(stats.indicators, 5);
  });

  test('gives up with a typed THROTTLED error when the limit outlasts the retries', async () => {
    s.emu.addFault({ listener: 'defender', path: '/api/indicators/import', status: 429, retryAfterSec: 1 });
    await assert.rejects(
      importIndicators(s.client, [domain(1)], { retry: { maxRetries: 2 } }),
      (e: unknown) => e instanceof DefenderError && e.code === 'GSOC_DEFENDER_THROTTLED',
    );
    assert.equal(s.throttles.length, 3);
  });
});
