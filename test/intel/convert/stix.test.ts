// Canonical → STIX 2.1 indicator for Sentinel's STIX objects upload: the fixture's field names and
// types, single-comparison patterns with escaping, TLP markings, validity, revocation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compilePolicy,
  decide,
  type Indicator,
  type Send,
  stixPattern,
  TLP_MARKINGS,
  toStixIndicator,
} from '../../../src/intel/index.js';
import { DAY, indicator, NOW, shapeOf, tiFixture } from '../fixtures.js';

const policy = compilePolicy('sentinel', {
  reserved: ['private', 'loopback'],
  types: ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'file-name'],
});
function send(i: Indicator): Send {
  const d = decide(i, policy, NOW);
  assert.equal(d.kind, 'send', JSON.stringify(d));
  return d as Send;
}

const upload = tiFixture('sentinel-upload/stix-objects-upload-request.json') as {
  body: { stixobjects: Array<Record<string, unknown>> };
};
const revoke = tiFixture('sentinel-upload/stix-objects-revoke-request.json') as {
  body: { stixobjects: Array<Record<string, unknown>> };
};

test("has the fixture's fields, each of the fixture's JSON type", () => {
  const i = indicator({ type: 'ipv4', value: '203.0.113.45', sourceId: 'IP4:203.0.113.45' });
  const stix = toStixIndicator(i, send(i), {
    nowMs: NOW,
    createdByRef: 'identity--9b0c2f5e-0f4e-4c5b-8d8a-6b6f0d1b7a01',
  });
  const want = upload.body.stixobjects[0] as Record<string, unknown>;
  const got = shapeOf(stix as unknown as Record<string, unknown>);
  assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort());
  const { external_references: _, ...wantShape } = shapeOf(want);
  for (const [k, t] of Object.entries(wantShape)) assert.equal(got[k], t, k);
  assert.deepEqual(Object.keys(stix.external_references[0] ?? {}).sort(), ['external_id', 'source_name']);
  assert.equal(stix.pattern, "[ipv4-addr:value = '203.0.113.45']");
  assert.equal(stix.pattern_type, 'stix');
  assert.equal(stix.spec_version, '2.1');
  assert.equal(
    stix.object_marking_refs[0],
    want.object_marking_refs && (want.object_marking_refs as string[])[0],
  );
  assert.deepEqual(stix.labels, ['c2']);
  assert.equal(stix.confidence, 80);
  assert.equal(stix.revoked, false);
  assert.match(stix.id, /^indicator--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('timestamps are ISO 8601 in UTC with milliseconds; valid_until is the decided expiry', () => {
  const i = indicator({ firstSeenMs: NOW - 2 * DAY, lastSeenMs: NOW - DAY });
  const d = send(i);
  const stix = toStixIndicator(i, d, { nowMs: NOW });
  assert.equal(stix.created, new Date(NOW - 2 * DAY).toISOString());
  assert.equal(stix.modified, new Date(NOW).toISOString());
  assert.equal(stix.valid_from, new Date(NOW - 2 * DAY).toISOString());
  assert.equal(stix.valid_until, new Date(d.expiresAtMs).toISOString());
  for (const k of ['created', 'modified', 'valid_from', 'valid_until'] as const)
    assert.match(stix[k], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal('created_by_ref' in stix, false);
});

test('a withdrawal is the same object again, revoked, modified later, without confidence', () => {
  const i = indicator({ type: 'ipv4', value: '203.0.113.45' });
  const sent = toStixIndicator(i, send(i), { nowMs: NOW });
  const gone = toStixIndicator(i, { kind: 'withdraw' }, { nowMs: NOW + 20 * DAY });
  assert.equal(gone.id, sent.id);
  assert.equal(gone.created, sent.created);
  assert.equal(gone.revoked, true);
  assert.ok(gone.modified > sent.modified);
  assert.equal(gone.valid_until, new Date(NOW + 20 * DAY).toISOString());
  assert.equal('confidence' in gone, false);
  const want = revoke.body.stixobjects[0] as Record<string, unknown>;
  assert.equal(want.revoked, true);
  for (const k of Object.keys(want))
    if (k !== 'confidence' && k !== 'created_by_ref') assert.ok(k in gone, k);
});

test('valid_until stays after valid_from, even for a withdrawal of an indicator valid only from later', () => {
  const i = indicator({ validFromMs: NOW + DAY });
  const gone = toStixIndicator(i, { kind: 'withdraw' }, { nowMs: NOW });
  assert.ok(gone.valid_until > gone.valid_from);
});

test('one comparison per type, with STIX hash names', () => {
  const cases: Array<[Parameters<typeof indicator>[0], string]> = [
    [{ type: 'ipv4', value: '8.8.8.8' }, "[ipv4-addr:value = '8.8.8.8']"],
    [{ type: 'ipv6', value: '2a00:1450::1' }, "[ipv6-addr:value = '2a00:1450::1']"],
    [{ type: 'cidr', value: '8.8.0.0/16' }, "[ipv4-addr:value = '8.8.0.0/16']"],
    [{ type: 'cidr', value: '2a00:1450::/32' }, "[ipv6-addr:value = '2a00:1450::/32']"],
    [{ type: 'domain', value: 'evil.test-feed.net' }, "[domain-name:value = 'evil.test-feed.net']"],
    [
      { type: 'url', value: 'https://evil.test-feed.net/a?b=c' },
      "[url:value = 'https://evil.test-feed.net/a?b=c']",
    ],
    [{ type: 'email', value: 'ceo@evil.test-feed.net' }, "[email-addr:value = 'ceo@evil.test-feed.net']"],
    [
      { type: 'md5', value: '5d41402abc4b2a76b9719d911017c592' },
      "[file:hashes.MD5 = '5d41402abc4b2a76b9719d911017c592']",
    ],
    [
      { type: 'sha1', value: '220e7d15b011d7fac48f2bd61114db1022197f7f' },
      "[file:hashes.'SHA-1' = '220e7d15b011d7fac48f2bd61114db1022197f7f']",
    ],
    [{ type: 'sha256', value: 'b'.repeat(64) }, `[file:hashes.'SHA-256' = '${'b'.repeat(64)}']`],
    [{ type: 'file-name', value: 'invoice.exe' }, "[file:name = 'invoice.exe']"],
  ];
  for (const [over, want] of cases) {
    const i = indicator(over);
    assert.equal(toStixIndicator(i, send(i), { nowMs: NOW }).pattern, want);
  }
});

test('quotes and backslashes in values are escaped; nothing can close the comparison early', () => {
  assert.equal(stixPattern('url', "http://a.example/it's"), "[url:value = 'http://a.example/it\\'s']");
  assert.equal(stixPattern('file-name', "a\\'] OR [x:y = 'z"), "[file:name = 'a\\\\\\'] OR [x:y = \\'z']");
  assert.equal(stixPattern('url', 'http://a.example/\\\\'), "[url:value = 'http://a.example/\\\\\\\\']");
  const i = indicator({ type: 'url', value: "http://evil.test-feed.net/x']OR[url:value='1" });
  assert.ok(i.value.includes("'"), i.value);
  const p = toStixIndicator(i, send(i), { nowMs: NOW }).pattern;
  // Unescaped quotes: only the literal's own two.
  assert.equal(p.replace(/\\./g, '').split("'").length - 1, 2, p);
});

test('a 2000-character URL and unicode names stay whole in the pattern; the name is cut', () => {
  const long = `https://evil.test-feed.net/${'a'.repeat(1990)}`;
  const i = indicator({ type: 'url', value: long, description: '🙂'.repeat(800) });
  const stix = toStixIndicator(i, send(i), { nowMs: NOW });
  assert.equal(stix.pattern, `[url:value = '${long}']`);
  assert.ok(stix.name.length <= 250 && stix.name.endsWith('…'));
  assert.ok(stix.description.length <= 1000);
  assert.ok(!/[\ud800-\udbff]…$/.test(stix.description), 'no half of a surrogate pair before the ellipsis');
  const idn = indicator({ type: 'domain', value: 'пример.рф' });
  assert.equal(
    toStixIndicator(idn, send(idn), { nowMs: NOW }).pattern,
    "[domain-name:value = 'xn--e1afmkfd.xn--p1ai']",
  );
});

test('each TLP level maps to its marking definition', () => {
  const markings = tiFixture('stix/tlp-marking-definitions.json') as Record<string, string>;
  assert.deepEqual(new Set(Object.values(TLP_MARKINGS)), new Set(Object.values(markings)));
  for (const tlp of ['clear', 'green', 'amber', 'amber+strict'] as const) {
    const i = indicator({ tlp });
    assert.deepEqual(toStixIndicator(i, send(i), { nowMs: NOW }).object_marking_refs, [TLP_MARKINGS[tlp]]);
  }
});
