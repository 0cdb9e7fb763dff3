// The per-sink policy as configuration: defaults, what each sink can hold, and invalid policies
// refused with GSOC_INTEL_POLICY_INVALID naming each key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compilePolicy,
  DEFAULT_SINK_TYPES,
  DEFAULT_TTL_DAYS,
  IntelPolicyError,
  RESERVED_GROUPS,
  SINK_KINDS,
  SINK_TYPES,
} from '../../../src/intel/index.js';

test('an empty policy takes the documented defaults', () => {
  for (const sink of SINK_KINDS) {
    const { policy } = compilePolicy(sink, {});
    assert.deepEqual(policy.types, DEFAULT_SINK_TYPES[sink]);
    assert.deepEqual(policy.ttlDays, DEFAULT_TTL_DAYS);
    assert.equal(policy.maxAgeDays, 180);
    assert.equal(policy.minScore, 1);
    assert.equal(policy.unscoredAs, 50);
    assert.equal(policy.maxTlp, 'amber+strict');
    assert.deepEqual(policy.severity, { low: 25, medium: 50, high: 75 });
    assert.deepEqual(policy.minCidrPrefix, { ipv4: 16, ipv6: 32 });
    assert.deepEqual(policy.reserved, Object.keys(RESERVED_GROUPS));
    assert.equal(policy.skipEmptyFileHashes, true);
    assert.ok(policy.actions.every((a) => a.action !== 'block'));
    assert.ok(DEFAULT_SINK_TYPES[sink].every((t) => SINK_TYPES[sink].includes(t)));
  }
  assert.deepEqual(compilePolicy('sentinel', undefined).policy, compilePolicy('sentinel', {}).policy);
});

test('a TTL set for one type keeps the defaults of the others', () => {
  const { policy } = compilePolicy('defender', { ttlDays: { url: 7 } });
  assert.deepEqual(policy.ttlDays, { ...DEFAULT_TTL_DAYS, url: 7 });
});

test('allow-list entries are normalised like indicators', () => {
  const { policy } = compilePolicy('sentinel', {
    ownDomains: [' Contoso.COM. ', 'Bücher.de'],
    allowCidrs: ['8.8.8.8', '2a00::1', '10.0.0.0/8'],
  });
  assert.deepEqual(policy.ownDomains, ['contoso.com', 'xn--bcher-kva.de']);
  assert.deepEqual(policy.allowCidrs, ['8.8.8.8/32', '2a00::1/128', '10.0.0.0/8']);
});

test('invalid policies are refused with every problem and its key', () => {
  const bad: Array<[(typeof SINK_KINDS)[number], unknown, RegExp]> = [
    ['defender', { types: ['cidr'] }, /types: defender can hold only/],
    ['defender', { types: ['email'] }, /types: defender can hold only/],
    ['sentinel', { types: ['bitcoin'] }, /types\.0/],
    ['sentinel', { ttlDays: { ipv4: 0 } }, /ttlDays\.ipv4/],
    ['sentinel', { ttlDays: { bitcoin: 3 } }, /ttlDays/],
    ['sentinel', { minScore: 101 }, /minScore/],
    ['sentinel', { maxTlp: 'purple' }, /maxTlp/],
    ['sentinel', { ownDomains: ['not a domain'] }, /ownDomains\.0: expected a domain name/],
    ['sentinel', { allowCidrs: ['10.0.0.0/33'] }, /allowCidrs\.0: expected an IP address or CIDR block/],
    ['sentinel', { allowCidrs: ['evil.example'] }, /allowCidrs\.0/],
    ['sentinel', { reserved: ['bogons'] }, /reserved\.0/],
    ['sentinel', { actions: [] }, /actions/],
    ['sentinel', { actions: [{ action: 'allow' }] }, /actions\.0\.action/],
    ['sentinel', { severity: { low: 80 } }, /severity: expected low ≤ medium ≤ high/],
    ['sentinel', { surprise: true }, /surprise|Unrecognized/],
    ['sentinel', 'alert everything', /\(policy\)/],
  ];
  for (const [sink, input, message] of bad)
    assert.throws(
      () => compilePolicy(sink, input),
      (e: unknown) => {
        assert.ok(e instanceof IntelPolicyError, String(e));
        assert.equal(e.code, 'GSOC_INTEL_POLICY_INVALID');
        assert.match(e.message, message);
        return true;
      },
      JSON.stringify(input),
    );
  assert.throws(
    () => compilePolicy('sentinel', { minScore: -1, maxAgeDays: 0 }),
    (e: IntelPolicyError) => e.problems.length === 2,
  );
});
