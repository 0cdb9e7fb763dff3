// One STIX indicator object into canonical indicators: fields carried over, one indicator per OR
// comparison, TLP from the marking refs (most restrictive wins, unmarked is AMBER), and every way an
// object can be unusable becoming a rejection with its reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TLP_MARKINGS } from '../../../src/intel/convert/tlp-markings.js';
import type { CreateResult, Indicator } from '../../../src/intel/model/indicator.js';
import { indicatorsOf } from '../../../src/intel/sources/taxii.js';

const base = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: '2024-03-01T10:00:00.000Z',
  modified: '2024-03-02T11:00:00.123456Z',
  valid_from: '2024-03-01T10:00:00Z',
  pattern_type: 'stix',
  pattern: "[domain-name:value = 'C2.Bad.example']",
};
const ok = (r: CreateResult[]): Indicator[] =>
  r.map((x) => {
    assert.ok(x.ok, JSON.stringify(x));
    return x.indicator;
  });
const reasons = (r: CreateResult[]) => r.map((x) => (x.ok ? 'ok' : x.reason));

describe('taxii indicators: fields', () => {
  test('carries id, times, labels, types, confidence, description and revocation', () => {
    const [i] = ok(
      indicatorsOf(
        {
          ...base,
          valid_until: '2024-06-01T00:00:00Z',
          labels: ['c2', 'vetted'],
          indicator_types: ['malicious-activity'],
          confidence: 85,
          description: 'C2 of campaign X',
          revoked: true,
        },
        'coll-1',
      ),
    );
    assert.deepEqual(i, {
      type: 'domain',
      value: 'c2.bad.example',
      source: 'taxii',
      sourceRef: 'coll-1',
      sourceId: base.id,
      firstSeenMs: Date.parse(base.created),
      lastSeenMs: Date.parse('2024-03-02T11:00:00.123Z'),
      validFromMs: Date.parse(base.valid_from),
      validUntilMs: Date.parse('2024-06-01T00:00:00Z'),
      tags: ['c2', 'malicious-activity', 'vetted'],
      score: 85,
      tlp: 'amber',
      revoked: true,
      description: 'C2 of campaign X',
    });
  });

  test('an OR pattern yields one indicator per value, all with the object id', () => {
    const r = ok(
      indicatorsOf(
        {
          ...base,
          pattern:
            "[ipv4-addr:value = '203.0.113.9'] OR [url:value = 'http://x.example/a' OR file:hashes.'SHA-256' = '" +
            'a'.repeat(64) +
            "']",
          name: 'Three',
        },
        'c',
      ),
    );
    assert.deepEqual(
      r.map((i) => i.type),
      ['ipv4', 'url', 'sha256'],
    );
    assert.ok(r.every((i) => i.sourceId === base.id && i.description === 'Three'));
  });

  test('an OR pattern with a type no sink holds keeps the others', () => {
    const r = indicatorsOf(
      { ...base, pattern: "[windows-registry-key:key = 'HKLM\\\\x'] OR [domain-name:value = 'ok.example']" },
      'c',
    );
    assert.deepEqual(reasons(r), ['UNSUPPORTED_TYPE', 'ok']);
    assert.equal((r[0] as { claimedType: string }).claimedType, 'windows-registry-key:key');
  });
});

describe('taxii indicators: TLP', () => {
  const tlp = (refs?: string[]) =>
    ok(indicatorsOf({ ...base, ...(refs ? { object_marking_refs: refs } : {}) }, 'c'))[0]?.tlp;

  test('TLP 1.0 and 2.0 marking ids, the most restrictive winning', () => {
    assert.equal(tlp([TLP_MARKINGS.clear]), 'clear');
    assert.equal(tlp([TLP_MARKINGS.green]), 'green');
    assert.equal(tlp([TLP_MARKINGS.green, TLP_MARKINGS.red]), 'red');
    assert.equal(tlp([TLP_MARKINGS['amber+strict']]), 'amber+strict');
    assert.equal(tlp(['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487']), 'clear');
    assert.equal(tlp(['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb']), 'green');
    assert.equal(tlp(['marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003']), 'amber+strict');
    assert.equal(tlp(['marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1']), 'red');
  });

  test('no TLP marking, or only statements, is AMBER', () => {
    assert.equal(tlp(), 'amber');
    assert.equal(tlp([]), 'amber');
    assert.equal(tlp(['marking-definition--d6f7f5b3-54c6-4f3c-8c0a-4e1f0b6b9c11']), 'amber');
    assert.equal(
      tlp(['marking-definition--d6f7f5b3-54c6-4f3c-8c0a-4e1f0b6b9c11', TLP_MARKINGS.green]),
      'green',
    );
  });
});

describe('taxii indicators: rejections, never throws', () => {
  const cases: Array<[string, unknown, string]> = [
    ['compound AND', { ...base, pattern: "[file:name = 'a' AND file:size = 3]" }, 'UNSUPPORTED_PATTERN'],
    [
      'FOLLOWEDBY',
      { ...base, pattern: "[file:name = 'a'] FOLLOWEDBY [file:name = 'b']" },
      'UNSUPPORTED_PATTERN',
    ],
    ['a sigma rule', { ...base, pattern_type: 'sigma', pattern: 'title: x' }, 'UNSUPPORTED_PATTERN'],
    ['a broken pattern', { ...base, pattern: "[file:name = 'a'" }, 'MALFORMED_RECORD'],
    ['no pattern', { ...base, pattern: undefined }, 'MALFORMED_RECORD'],
    ['a bad timestamp', { ...base, created: '1 March 2024' }, 'MALFORMED_RECORD'],
    ['confidence out of range', { ...base, confidence: 101 }, 'MALFORMED_RECORD'],
    [
      'an id of another type',
      { ...base, id: 'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' },
      'MALFORMED_RECORD',
    ],
    ['null', null, 'MALFORMED_RECORD'],
    ['a string', 'indicator', 'MALFORMED_RECORD'],
    ['a bad value', { ...base, pattern: "[ipv4-addr:value = '999.1.1.1']" }, 'INVALID_IP'],
    ['a huge pattern', { ...base, pattern: `[file:name = '${'a'.repeat(500_000)}']` }, 'MALFORMED_RECORD'],
  ];
  for (const [name, raw, reason] of cases)
    test(name, () => assert.deepEqual(reasons(indicatorsOf(raw, 'c')), [reason]));
});
