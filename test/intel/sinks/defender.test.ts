// The Defender sink over HTTPS against the emulated MDE API: 1,200 records in three imports, refused
// items and the tenant cap reported per record, withdrawal when Defender already deleted an expired
// one, records without an id found by value, an analyst's indicator reported and never written, and
// a storm of 429s survived without a lost or doubled write. Also the canonical reading of values.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { submitIndicator } from '../../../src/connectors/microsoft/defender/index.js';
import type { Indicator, Send } from '../../../src/intel/index.js';
import { canonicalValue, createDefenderSink } from '../../../src/intel/sinks/defender.js';
import type { HeldRecord, SinkRecord } from '../../../src/intel/sinks/types.js';
import { CLIENT_ID, TENANT_ID } from '../../connectors/microsoft/helpers.js';
import { type BulkSetup, FUTURE_MS, startBulkSetup } from '../../connectors/microsoft/defender/bulk-setup.js';
import { indicator } from '../fixtures.js';

const SEND: Send = {
  kind: 'send',
  action: 'block',
  confidence: 90,
  severity: 'high',
  expiresAtMs: FUTURE_MS,
  fingerprint: 'f',
};

const record = (i: Indicator): SinkRecord => ({
  key: `trustar|${i.type}|${i.value}`,
  indicator: i,
  send: SEND,
  held: false,
  sinkId: null,
});
const domainRecords = (from: number, count: number) =>
  Array.from({ length: count }, (_, k) => record(indicator({ value: `d${from + k}.bad.example.net` })));
const held = (r: SinkRecord, sinkId: string | null): HeldRecord => ({
  key: r.key,
  indicator: r.indicator,
  sinkId,
});

describe('defender sink (against the Defender emulator)', () => {
  let s: BulkSetup;
  before(async () => {
    s = await startBulkSetup();
  });
  after(() => s.close());
  beforeEach(() => s.reset());
  const sink = (capacity?: number) =>
    createDefenderSink(s.client, {
      appId: CLIENT_ID,
      application: 'graphsoc',
      ...(capacity ? { capacity } : {}),
    });

  test('says what it is: kind defender, 500 per batch, 15,000 by default', () => {
    const d = sink();
    assert.deepEqual([d.kind, d.batchSize, d.capacity], ['defender', 500, 15_000]);
    assert.equal(sink(12_000).capacity, 12_000);
  });

  test('upserts 1,200 records in three imports, each with its own id, and again without doubles', async () => {
    const d = sink();
    const records = domainRecords(0, 1200);
    const outcomes = await d.upsert(records);
    assert.equal(outcomes.length, 1200);
    const ids = outcomes.map((o) => (o.ok ? o.sinkId : undefined));
    assert.ok(ids.every((id) => typeof id === 'string'));
    assert.equal(new Set(ids).size, 1200);
    const again = await d.upsert(records);
    assert.deepEqual(
      again.map((o) => (o.ok ? o.sinkId : undefined)),
      ids,
    );
    const stats = s.emu.defenderStats(TENANT_ID);
    assert.equal(stats.calls['indicators-import'], 6);
    assert.equal(stats.indicators, 1200);
    assert.ok(Object.values(stats.writes).every((n) => n === 2));
  });

  test('maps refused items and the reached cap to per-record outcomes', async () => {
    s.emu.setDefenderIndicatorCap(3);
    const internal = { ...indicator({ type: 'ipv4', value: '198.51.100.7' }), value: '10.1.2.3' };
    const records = [...domainRecords(0, 2), record(internal), ...domainRecords(2, 2)];
    const outcomes = await sink().upsert(records);
    assert.deepEqual(
      outcomes.map((o) => o.ok),
      [true, true, false, true, false],
    );
    const refused = outcomes[2];
    assert.ok(refused && !refused.ok);
    assert.equal(refused.code, 'DEFENDER_REJECTED');
    assert.match(refused.message, /external IP/);
    const capped = outcomes[4];
    assert.ok(capped && !capped.ok);
    assert.match(capped.message, /maximum number of active indicators/);
  });

  test('withdraws all records when Defender already deleted one expired indicator', async () => {
    const d = sink();
    const records = domainRecords(0, 3);
    const outcomes = await d.upsert(records);
    const ids = outcomes.map((o) => (o.ok ? (o.sinkId ?? null) : null));
    // Defender deletes an indicator once it expires; its id is then unknown to BatchDelete.
    s.emu.seedDefender(TENANT_ID, {
      indicators: [
        {
          indicatorType: 'DomainName',
          indicatorValue: records[1]?.indicator.value,
          expirationTime: '2020-01-01T00:00:00Z',
        },
      ],
    });
    const analystsOwn = await submitIndicator(s.analyst, {
      indicatorValue: 'kept.example.com',
      indicatorType: 'DomainName',
      action: 'Audit',
      generateAlert: true,
      title: 'analyst',
      description: 'analyst',
    });
    const back = await d.withdraw(records.map((r, i) => held(r, ids[i] ?? null)));
    assert.deepEqual(back, [{ ok: true }, { ok: true }, { ok: true }]);
    const left = s.emu.defenderData(TENANT_ID).indicators.map((i) => i.id);
    assert.deepEqual(left, [analystsOwn.id], "only the analyst's indicator is left");
    assert.equal(s.emu.defenderStats(TENANT_ID).calls['indicators-batchdelete'], 2);
  });

  test('finds records without an id among its own indicators by value', async () => {
    const d = sink();
    const records = domainRecords(0, 2);
    await d.upsert(records);
    const back = await d.withdraw([
      held(records[0] as SinkRecord, null),
      ...domainRecords(9, 1).map((r) => held(r, null)),
    ]);
    assert.deepEqual(back, [{ ok: true }, { ok: true }]);
    assert.deepEqual(
      s.emu.defenderData(TENANT_ID).indicators.map((i) => i.indicatorValue),
      [records[1]?.indicator.value],
    );
  });

  test("reports an analyst's indicators as foreign values, so the engine never overwrites them", async () => {
    const d = sink();
    await d.upsert(domainRecords(0, 2));
    const theirs = [
      ['DomainName', 'Analyst.Example.COM'],
      ['IpAddress', '2001:DB8:0:0::1'],
      ['IpAddress', '203.0.113.9'],
      ['Url', 'HTTP://Evil.Example.com/Path'],
      ['FileSha256', 'A'.repeat(64)],
    ] as const;
    for (const [indicatorType, indicatorValue] of theirs)
      await submitIndicator(s.analyst, {
        indicatorType,
        indicatorValue,
        action: 'Audit',
        generateAlert: true,
        title: 'analyst',
        description: 'analyst',
      });
    const foreign = await d.foreignValues?.();
    assert.deepEqual(
      [...(foreign ?? [])].sort(),
      [
        'domain|analyst.example.com',
        'ipv4|203.0.113.9',
        `ipv6|${canonicalValue('IpAddress', '2001:db8::1')?.split('|')[1]}`,
        `sha256|${'a'.repeat(64)}`,
        canonicalValue('Url', 'HTTP://Evil.Example.com/Path'),
      ].sort(),
    );
    // The engine leaves out what foreignValues names; the analyst's indicator keeps its one write.
    const collide = record(indicator({ value: 'analyst.example.com' }));
    const keyOf = (r: SinkRecord) => `${r.indicator.type}|${r.indicator.value}`;
    const toSend = [collide, ...domainRecords(5, 1)].filter((r) => !foreign?.has(keyOf(r)));
    await d.upsert(toSend);
    assert.equal(s.emu.defenderStats(TENANT_ID).writes['DomainName|analyst.example.com'], 1);
  });

  test('survives a storm of 429s, reporting each, with nothing lost or doubled', async () => {
    s.emu.setDefenderRateLimit({ perMinute: 100, perHour: 1500, bulkPerMinute: 2, timeScale: 600 });
    const d = sink();
    const batches = Array.from({ length: 6 }, (_, b) => domainRecords(b * 50, 50));
    for (const batch of batches) {
      const outcomes = await d.upsert(batch);
      assert.ok(outcomes.every((o) => o.ok));
    }
    const stats = s.emu.defenderStats(TENANT_ID);
    assert.ok(stats.throttled >= 2, `throttled ${stats.throttled}`);
    assert.equal(s.throttles.length, stats.throttled);
    assert.equal(stats.indicators, 300);
    assert.ok(
      Object.values(stats.writes).every((n) => n === 1),
      'no write doubled',
    );
  });
});

test('reads Defender values as the canonical model does', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['DomainName', 'Evil.EXAMPLE.com', 'domain|evil.example.com'],
    ['IpAddress', '203.0.113.9', 'ipv4|203.0.113.9'],
    ['FileMd5', 'D41D8CD98F00B204E9800998ECF8427E', 'md5|d41d8cd98f00b204e9800998ecf8427e'],
    ['FileSha1', 'A'.repeat(40), `sha1|${'a'.repeat(40)}`],
    ['CertificateThumbprint', 'a'.repeat(40), undefined],
    ['DomainName', '', undefined],
    ['Unknown', 'x', undefined],
    ['Url', 'x'.repeat(1_000_000), undefined],
  ];
  for (const [type, value, want] of cases)
    assert.equal(canonicalValue(type, value), want, `${type} ${value.slice(0, 20)}`);
  const v6 = canonicalValue('IpAddress', '2001:0DB8:0000:0000:0000:0000:0000:0001');
  assert.match(v6 ?? '', /^ipv6\|2001:db8:/);
});
