// The canonical indicator: built from a source's record (normalised, tags tidied, TLP names read),
// its schema, its stable key and its content hash.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  contentHash,
  createIndicator,
  indicatorSchema,
  normaliseTlp,
  scoreFromTrustarPriority,
  stableKey,
} from '../../../src/intel/index.js';
import { DAY, indicator, NOW } from '../fixtures.js';

test('a record becomes an indicator with its value normalised and its type classified', () => {
  const i = indicator({
    type: 'url',
    value: 'hxxps://C2.BadGuy.Test-Feed.NET/',
    tags: [' phishing ', 'c2', 'c2', ''],
  });
  assert.equal(i.type, 'domain');
  assert.equal(i.value, 'c2.badguy.test-feed.net');
  assert.deepEqual(i.tags, ['c2', 'phishing']);
  assert.equal(i.validFromMs, i.firstSeenMs);
  assert.equal(i.validUntilMs, null);
  assert.equal(i.revoked, false);
  assert.deepEqual(indicatorSchema.parse(i), i);
});

test('a bad value or a malformed record comes back as a rejection, never a throw', () => {
  const bad = createIndicator({
    type: 'ipv4',
    value: '999.1.1.1',
    source: 'trustar',
    sourceRef: 'e',
    firstSeenMs: 1,
    tlp: 'amber',
  });
  assert.deepEqual(bad, { ok: false, reason: 'INVALID_IP', claimedType: 'ipv4', sample: '999.1.1.1' });
  for (const record of [
    null,
    42,
    {},
    { type: 'ipv4', value: '8.8.8.8', source: 'misp', sourceRef: 'e', firstSeenMs: 1, tlp: 'amber' },
    { type: 'ipv4', value: '8.8.8.8', source: 'trustar', sourceRef: 'e', firstSeenMs: -1, tlp: 'amber' },
    { type: 'ipv4', value: '8.8.8.8', source: 'trustar', sourceRef: 'e', firstSeenMs: 1, tlp: 'purple' },
    { type: 'ipv4', value: 8, source: 'trustar', sourceRef: 'e', firstSeenMs: 1, tlp: 'amber' },
    {
      type: 'ipv4',
      value: '8.8.8.8',
      source: 'trustar',
      sourceRef: 'e',
      firstSeenMs: 1,
      tlp: 'amber',
      score: 101,
    },
  ]) {
    const r = createIndicator(record);
    assert.equal(r.ok, false, JSON.stringify(record));
    if (!r.ok) assert.equal(r.reason, 'MALFORMED_RECORD');
  }
});

test('TLP names of 1.0 and 2.0, with or without TLP:, in any case', () => {
  const cases: Array<[string, string | undefined]> = [
    ['TLP:WHITE', 'clear'],
    ['white', 'clear'],
    ['TLP:CLEAR', 'clear'],
    ['Green', 'green'],
    ['tlp:amber', 'amber'],
    ['TLP:AMBER+STRICT', 'amber+strict'],
    [' red ', 'red'],
    ['purple', undefined],
    ['', undefined],
  ];
  for (const [raw, want] of cases) assert.equal(normaliseTlp(raw), want, raw);
  assert.equal(indicator({ tlp: 'TLP:WHITE' }).tlp, 'clear');
});

test('last seen is never before first seen; scores are rounded; descriptions and tags are bounded', () => {
  const i = indicator({
    firstSeenMs: NOW,
    lastSeenMs: NOW - DAY,
    score: 66.6,
    description: `  ${'d'.repeat(5000)} `,
  });
  assert.equal(i.lastSeenMs, NOW);
  assert.equal(i.score, 67);
  assert.equal(i.description?.length, 1000);
  assert.ok(i.description?.endsWith('…'));
  const many = indicator({ tags: Array.from({ length: 500 }, (_, n) => `tag-${n}\u0000${'x'.repeat(200)}`) });
  assert.equal(many.tags.length, 50);
  for (const t of many.tags) assert.ok(t.length <= 128 && !t.includes('\u0000'));
  assert.equal(indicator({ description: '   ' }).description, undefined);
});

test('the stable key is the feed (TruSTAR, or a TAXII collection), type and normalised value', () => {
  assert.equal(stableKey(indicator()), 'trustar|domain|c2.badguy.test-feed.net');
  assert.equal(
    stableKey(indicator({ value: 'C2.BADGUY.test-feed.NET.' })),
    'trustar|domain|c2.badguy.test-feed.net',
  );
  assert.equal(
    stableKey(indicator({ source: 'taxii', sourceRef: 'vetted' })),
    'taxii:vetted|domain|c2.badguy.test-feed.net',
  );
  // Two collections are two feeds: each revokes its own copy.
  assert.notEqual(
    stableKey(indicator({ source: 'taxii', sourceRef: 'vetted' })),
    stableKey(indicator({ source: 'taxii', sourceRef: 'community' })),
  );
  // TruSTAR's enclaves are read as one feed.
  assert.equal(
    stableKey(indicator({ sourceRef: 'enclave-a' })),
    stableKey(indicator({ sourceRef: 'enclave-b' })),
  );
});

test('the content hash changes with what a sink shows, not with sightings or tag order', () => {
  const base = indicator({ tags: ['b', 'a'] });
  const same = [
    indicator({ tags: ['a', 'b', 'a'] }),
    indicator({ tags: ['b', 'a'], lastSeenMs: NOW }),
    indicator({ tags: ['b', 'a'], value: 'C2.BADGUY.TEST-FEED.NET' }),
  ];
  for (const s of same) assert.equal(contentHash(s), contentHash(base));
  const changed = [
    indicator({ tags: ['a'] }),
    indicator({ tags: ['a', 'b'], score: 81 }),
    indicator({ tags: ['a', 'b'], score: null }),
    indicator({ tags: ['a', 'b'], tlp: 'red' }),
    indicator({ tags: ['a', 'b'], revoked: true }),
    indicator({ tags: ['a', 'b'], validUntilMs: NOW + DAY }),
    indicator({ tags: ['a', 'b'], validFromMs: NOW }),
    indicator({ tags: ['a', 'b'], description: 'new' }),
    indicator({ tags: ['a', 'b'], sourceRef: 'other-enclave' }),
    indicator({ tags: ['a', 'b'], value: 'other.test-feed.net' }),
    indicator({ tags: ['a|b'] }),
  ];
  const hashes = new Set([contentHash(base), ...changed.map(contentHash)]);
  assert.equal(hashes.size, changed.length + 1);
  assert.match(contentHash(base), /^[0-9a-f]{64}$/);
});

test('TruSTAR priority scores spread over 0–100; unscored is null', () => {
  const cases: Array<[string | number | null | undefined, number | null]> = [
    ['BENIGN', 0],
    ['LOW', 33],
    ['MEDIUM', 67],
    ['HIGH', 100],
    ['high', 100],
    ['NOT_SCORED', null],
    ['CONSTRUCTOR', null],
    [-1, null],
    [0, 0],
    [3, 100],
    [4, null],
    [null, null],
    [undefined, null],
  ];
  for (const [p, want] of cases) assert.equal(scoreFromTrustarPriority(p), want, String(p));
});
