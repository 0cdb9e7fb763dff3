// Canonical → Defender for Endpoint import item: the fixture's fields and types, the type and action
// mapping, expirationTime, severity, length limits, and types Defender cannot hold refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compilePolicy,
  DEFENDER_LIMITS,
  decide,
  type Indicator,
  type Send,
  SinkTypeError,
  toDefenderIndicator,
} from '../../../src/intel/index.js';
import { indicator, NOW, shapeOf, tiFixture } from '../fixtures.js';

const policy = compilePolicy('defender', {
  reserved: ['private'],
  actions: [
    { action: 'block', minScore: 90 },
    { action: 'alert', minScore: 50 },
    { action: 'audit', minScore: 0 },
  ],
});
function send(i: Indicator): Send {
  const d = decide(i, policy, NOW);
  assert.equal(d.kind, 'send', JSON.stringify(d));
  return d as Send;
}

const fixture = tiFixture('mde/import-request.json') as {
  body: { Indicators: Array<Record<string, unknown>> };
};

test("has the import fixture's fields, each of its JSON type, plus generateAlert", () => {
  const i = indicator({ type: 'sha1', value: '220e7d15b011d7fac48f2bd61114db1022197f7f' });
  const item = toDefenderIndicator(i, send(i), {
    application: 'graphsoc',
    recommendedActions: 'Isolate',
    rbacGroupNames: ['g1'],
  });
  const want = shapeOf(fixture.body.Indicators[0] as Record<string, unknown>);
  const got = shapeOf(item as unknown as Record<string, unknown>);
  assert.deepEqual(Object.keys(got).sort(), [...Object.keys(want), 'generateAlert'].sort());
  for (const [k, t] of Object.entries(want)) assert.equal(got[k], t, k);
  assert.equal(item.indicatorType, 'FileSha1');
  assert.equal(item.generateAlert, true);
  assert.match(item.expirationTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('optional fields are left out when not configured', () => {
  const i = indicator();
  assert.deepEqual(Object.keys(toDefenderIndicator(i, send(i))).sort(), [
    'action',
    'description',
    'expirationTime',
    'generateAlert',
    'indicatorType',
    'indicatorValue',
    'severity',
    'title',
  ]);
});

test('types map to Defender indicator types; blocks, addresses and names it cannot hold are refused', () => {
  const cases: Array<[Parameters<typeof indicator>[0], string]> = [
    [{ type: 'ipv4', value: '8.8.8.8' }, 'IpAddress'],
    [{ type: 'ipv6', value: '2a00:1450::1' }, 'IpAddress'],
    [{ type: 'domain', value: 'evil.test-feed.net' }, 'DomainName'],
    [{ type: 'url', value: 'https://evil.test-feed.net/x' }, 'Url'],
    [{ type: 'md5', value: '5d41402abc4b2a76b9719d911017c592' }, 'FileMd5'],
    [{ type: 'sha1', value: '220e7d15b011d7fac48f2bd61114db1022197f7f' }, 'FileSha1'],
    [{ type: 'sha256', value: 'b'.repeat(64) }, 'FileSha256'],
  ];
  for (const [over, want] of cases) {
    const i = indicator(over);
    const item = toDefenderIndicator(i, send(i));
    assert.equal(item.indicatorType, want);
    assert.equal(item.indicatorValue, i.value);
  }
  const fake: Send = {
    kind: 'send',
    action: 'alert',
    confidence: 50,
    severity: 'medium',
    expiresAtMs: NOW,
    fingerprint: 'x',
  };
  for (const over of [
    { type: 'cidr', value: '8.8.0.0/16' },
    { type: 'email', value: 'a@evil.test-feed.net' },
    { type: 'file-name', value: 'invoice.exe' },
  ])
    assert.throws(
      () => toDefenderIndicator(indicator(over), fake),
      (e: unknown) => e instanceof SinkTypeError && e.code === 'GSOC_INTEL_SINK_TYPE_UNSUPPORTED',
    );
});

test('actions: block is Block, alert and audit are Audit with an alert; audit at Informational', () => {
  const item = (score: number) => {
    const i = indicator({ score });
    return toDefenderIndicator(i, send(i));
  };
  assert.deepEqual([item(95).action, item(95).severity, item(95).generateAlert], ['Block', 'High', true]);
  assert.deepEqual([item(60).action, item(60).severity, item(60).generateAlert], ['Audit', 'Medium', true]);
  assert.deepEqual(
    [item(30).action, item(30).severity, item(30).generateAlert],
    ['Audit', 'Informational', true],
  );
  for (const s of [1, 30, 60, 95]) assert.ok(['Audit', 'Block'].includes(item(s).action));
});

test('expirationTime is the decided expiry in whole seconds, UTC', () => {
  const i = indicator();
  const d = send(i);
  assert.equal(
    toDefenderIndicator(i, d).expirationTime,
    `${new Date(d.expiresAtMs).toISOString().slice(0, 19)}Z`,
  );
});

test('title and description stay within limits for 2000-character URLs, quotes and unicode', () => {
  const values = [
    `https://evil.test-feed.net/${'a'.repeat(1990)}`,
    `https://evil.test-feed.net/"quoted'\\/${'é'.repeat(200)}`,
    'https://пример.рф/путь',
  ];
  for (const value of values) {
    const i = indicator({ type: 'url', value, description: '🙂'.repeat(3000) });
    const item = toDefenderIndicator(i, send(i), { recommendedActions: 'r'.repeat(5000) });
    assert.equal(item.indicatorValue, i.value);
    assert.ok(item.title.length <= DEFENDER_LIMITS.title, item.title);
    assert.ok(item.description.length <= DEFENDER_LIMITS.description);
    assert.ok((item.recommendedActions ?? '').length <= DEFENDER_LIMITS.recommendedActions);
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(item)));
    assert.ok(!/[\ud800-\udbff]$/.test(item.title.replace(/…$/, '')));
  }
});
