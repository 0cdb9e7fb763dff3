// Canonical → Graph tiIndicator: the fixtures' field names and types, the property per type and
// target product, ISO expiry (the seed's was not), externalId as the stable key, TLP and threat type.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compilePolicy,
  decide,
  GRAPH_DESCRIPTION_MAX,
  graphExternalId,
  type Indicator,
  type Send,
  SinkTypeError,
  toGraphTiIndicator,
} from '../../../src/intel/index.js';
import { indicator, NOW, shapeOf, tiFixture } from '../fixtures.js';

const policy = compilePolicy('graph', {
  reserved: ['private'],
  types: ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'file-name'],
});
function send(i: Indicator): Send {
  const d = decide(i, policy, NOW);
  assert.equal(d.kind, 'send', JSON.stringify(d));
  return d as Send;
}
const sentinel = {
  targetProduct: 'Azure Sentinel' as const,
  azureTenantId: '00000000-1111-2222-3333-444444444444',
};
const mde = { targetProduct: 'Microsoft Defender ATP' as const };

const submit = tiFixture('graph-tiindicators/submitTiIndicators-request.json') as {
  body: { value: Array<Record<string, unknown>> };
};

test("carries the submit fixture's fields with the fixture's JSON types", () => {
  const i = indicator({
    type: 'sha256',
    value: 'b555c45c5b1b01304217e72118d6ca1b14b7013644a078273cea27bbdc1cf9d6',
  });
  const ti = toGraphTiIndicator(i, send(i), sentinel) as Record<string, unknown>;
  const want = shapeOf(submit.body.value[0] as Record<string, unknown>);
  const got = shapeOf(ti);
  // Lists the fixture sends empty and we do not fill.
  for (const k of ['activityGroupNames', 'killChain', 'malwareFamilyNames']) delete want[k];
  for (const [k, t] of Object.entries(want)) assert.equal(got[k], t, k);
  assert.equal(ti.fileHashType, 'sha256');
  assert.equal(ti.fileHashValue, i.value);
});

test('the observable property per type, as the reference and the seed name them', () => {
  const rhisac = (name: string) =>
    (tiFixture(`graph-tiindicators/rhisac-create-request-${name}.json`) as { body: Record<string, unknown> })
      .body;
  const common = new Set([
    'action',
    'azureTenantId',
    'description',
    'expirationDateTime',
    'targetProduct',
    'threatType',
    'tlpLevel',
  ]);
  const observableOf = (body: Record<string, unknown>) =>
    Object.keys(body)
      .filter((k) => !common.has(k))
      .sort();
  const cases: Array<[string, Parameters<typeof indicator>[0]]> = [
    ['ip4', { type: 'ipv4', value: '8.8.8.8' }],
    ['domain', { type: 'domain', value: 'evil.test-feed.net' }],
    ['url', { type: 'url', value: 'https://evil.test-feed.net/x' }],
    ['email', { type: 'email', value: 'ceo@evil.test-feed.net' }],
    ['md5', { type: 'md5', value: '5d41402abc4b2a76b9719d911017c592' }],
    ['sha1', { type: 'sha1', value: '220e7d15b011d7fac48f2bd61114db1022197f7f' }],
    ['sha256', { type: 'sha256', value: 'b'.repeat(64) }],
  ];
  const ours = new Set([
    'action',
    'passiveOnly',
    'azureTenantId',
    'confidence',
    'description',
    'expirationDateTime',
    'externalId',
    'lastReportedDateTime',
    'severity',
    'tags',
    'targetProduct',
    'threatType',
    'tlpLevel',
  ]);
  for (const [name, over] of cases) {
    const i = indicator(over);
    const ti = toGraphTiIndicator(i, send(i), sentinel);
    assert.deepEqual(
      Object.keys(ti)
        .filter((k) => !ours.has(k))
        .sort(),
      observableOf(rhisac(name)),
      name,
    );
  }
  const more: Array<[Parameters<typeof indicator>[0], Record<string, string>]> = [
    [{ type: 'ipv6', value: '2a00:1450::1' }, { networkIPv6: '2a00:1450::1' }],
    [{ type: 'cidr', value: '8.8.0.0/16' }, { networkCidrBlock: '8.8.0.0/16' }],
    [{ type: 'file-name', value: 'invoice.exe' }, { fileName: 'invoice.exe' }],
  ];
  for (const [over, want] of more) {
    const i = indicator(over);
    const ti = toGraphTiIndicator(i, send(i), sentinel);
    for (const [k, v] of Object.entries(want)) assert.equal(ti[k], v);
  }
});

test('for the Defender target, addresses go to networkDestination*, and other types are refused', () => {
  const mapping = tiFixture('stix/type-mapping.json') as Array<{
    trustar: string;
    graph_for_mde_target?: Record<string, string>;
  }>;
  const v4 = indicator({ type: 'ipv4', value: '8.8.8.8' });
  const ti4 = toGraphTiIndicator(v4, send(v4), mde);
  for (const k of Object.keys(mapping.find((m) => m.trustar === 'IP4')?.graph_for_mde_target ?? {}))
    assert.equal(ti4[k], '8.8.8.8', k);
  const v6 = indicator({ type: 'ipv6', value: '2a00:1450::1' });
  const ti6 = toGraphTiIndicator(v6, send(v6), mde);
  for (const k of Object.keys(mapping.find((m) => m.trustar === 'IP6')?.graph_for_mde_target ?? {}))
    assert.equal(ti6[k], '2a00:1450::1', k);
  for (const over of [
    { type: 'email', value: 'a@evil.test-feed.net' },
    { type: 'cidr', value: '8.8.0.0/16' },
    { type: 'file-name', value: 'invoice.exe' },
  ]) {
    const i = indicator(over);
    assert.throws(() => toGraphTiIndicator(i, send(i), mde), SinkTypeError);
  }
});

test('expirationDateTime is ISO 8601 (the seed sent "2024-10-09 06:40:00.123456+00:00")', () => {
  const seed = (
    tiFixture('graph-tiindicators/rhisac-create-request-ip4.json') as { body: { expirationDateTime: string } }
  ).body;
  assert.doesNotMatch(seed.expirationDateTime, /T/);
  const i = indicator();
  const d = send(i);
  const ti = toGraphTiIndicator(i, d, sentinel);
  assert.equal(ti.expirationDateTime, new Date(d.expiresAtMs).toISOString());
  assert.equal(ti.lastReportedDateTime, new Date(i.lastSeenMs).toISOString());
});

test('externalId is the stable key, so deleteTiIndicatorsByExternalId needs no lookup', () => {
  const i = indicator({ type: 'url', value: 'https://evil.test-feed.net/it\'s?q="x"' });
  const ti = toGraphTiIndicator(i, send(i), sentinel);
  assert.equal(ti.externalId, graphExternalId(i));
  assert.equal(ti.externalId, `trustar|url|${i.value}`);
  assert.equal(JSON.parse(JSON.stringify(ti)).url, i.value);
});

test('actions, passiveOnly, confidence, severity 0–5 and TLP in the TLP 1.0 names', () => {
  const p = compilePolicy('graph', {
    actions: [{ action: 'block', minScore: 90 }, { action: 'alert', minScore: 50 }, { action: 'audit' }],
  });
  const ti = (over: Parameters<typeof indicator>[0]) => {
    const i = indicator(over);
    const d = decide(i, p, NOW);
    assert.equal(d.kind, 'send');
    return toGraphTiIndicator(i, d as Send, sentinel);
  };
  assert.deepEqual(
    [ti({ score: 95 }).action, ti({ score: 95 }).passiveOnly, ti({ score: 95 }).severity],
    ['block', false, 4],
  );
  assert.deepEqual(
    [ti({ score: 60 }).action, ti({ score: 60 }).passiveOnly, ti({ score: 60 }).severity],
    ['alert', false, 3],
  );
  assert.deepEqual(
    [ti({ score: 10 }).action, ti({ score: 10 }).passiveOnly, ti({ score: 10 }).severity],
    ['alert', true, 1],
  );
  assert.equal(ti({ score: 60 }).confidence, 60);
  const tlps: Array<[string, string]> = [
    ['clear', 'white'],
    ['green', 'green'],
    ['amber', 'amber'],
    ['amber+strict', 'amber'],
  ];
  for (const [tlp, want] of tlps) assert.equal(ti({ tlp }).tlpLevel, want);
});

test('threat type from tags, else MaliciousUrl for URLs and WatchList for the rest', () => {
  const tt = (over: Parameters<typeof indicator>[0], o = {}) => {
    const i = indicator(over);
    return toGraphTiIndicator(i, send(i), { ...sentinel, ...o }).threatType;
  };
  assert.equal(tt({ tags: ['c2'] }), 'C2');
  assert.equal(tt({ tags: ['Phishing', 'c2'] }), 'C2');
  assert.equal(tt({ tags: ['rhisac: vetted', 'phishing'] }), 'Phishing');
  assert.equal(tt({ tags: ['Ransomware - LockBit'] }), 'Malware');
  assert.equal(tt({ tags: ['bec'] }), 'WatchList');
  assert.equal(tt({ tags: ['c2c'] }), 'WatchList');
  assert.equal(tt({ tags: [], type: 'url', value: 'https://evil.test-feed.net/x' }), 'MaliciousUrl');
  assert.equal(tt({ tags: [] }, { defaultThreatType: 'Malware' }), 'Malware');
});

test('the description stays within 100 characters, unicode included; 2000-character URLs stay whole', () => {
  const long = `https://evil.test-feed.net/${'a'.repeat(1990)}`;
  const i = indicator({
    type: 'url',
    value: long,
    description: '🙂'.repeat(300),
    sourceRef: 'x'.repeat(256),
  });
  const ti = toGraphTiIndicator(i, send(i), sentinel);
  assert.ok(ti.description.length <= GRAPH_DESCRIPTION_MAX);
  assert.equal(ti.url, long);
  const plain = indicator({ sourceRef: 'x'.repeat(256) });
  assert.ok(toGraphTiIndicator(plain, send(plain), sentinel).description.length <= GRAPH_DESCRIPTION_MAX);
});
