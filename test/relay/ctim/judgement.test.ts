import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgementSchema } from '../../../src/relay/ctim/index.js';

function good(): Record<string, unknown> {
  return {
    id: 'transient:judgement-1',
    type: 'judgement',
    schema_version: '1.3.29',
    observable: { type: 'sha256', value: 'ab'.repeat(32) },
    disposition: 2,
    disposition_name: 'Malicious',
    confidence: 'High',
    severity: 'High',
    priority: 90,
    source: 'Microsoft Defender',
    valid_time: { start_time: '2024-01-01T00:00:00Z', end_time: '2024-01-08T00:00:00Z' },
  };
}
const paths = (patch: Record<string, unknown>, drop?: string) => {
  const j = { ...good(), ...patch };
  if (drop) delete j[drop];
  const r = judgementSchema.safeParse(j);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

test('accepts a complete judgement', () => {
  assert.deepEqual(paths({ reason: 'Seen in alert', reason_uri: 'https://x.example/r', tlp: 'amber' }), []);
});

test('names each missing required field', () => {
  const required = ['confidence', 'disposition', 'disposition_name', 'id', 'observable', 'priority'];
  for (const key of [...required, 'schema_version', 'severity', 'source', 'type', 'valid_time']) {
    assert.deepEqual(paths({}, key), [key], key);
  }
});

test('rejects a disposition name that does not match the number', () => {
  assert.deepEqual(paths({ disposition: 1, disposition_name: 'Malicious' }), ['disposition_name']);
  assert.deepEqual(paths({ disposition: 5, disposition_name: 'Clean' }), ['disposition_name']);
});

test('accepts every matching disposition pair', () => {
  const pairs = [
    [1, 'Clean'],
    [2, 'Malicious'],
    [3, 'Suspicious'],
    [4, 'Common'],
    [5, 'Unknown'],
  ] as const;
  for (const [n, name] of pairs)
    assert.deepEqual(paths({ disposition: n, disposition_name: name }), [], name);
});

test('rejects out-of-range dispositions and names', () => {
  assert.deepEqual(paths({ disposition: 0 }), ['disposition']);
  assert.deepEqual(paths({ disposition: 6 }), ['disposition']);
  assert.deepEqual(paths({ disposition_name: 'malicious' }), ['disposition_name']);
  assert.deepEqual(paths({ disposition_name: 'Bad' }), ['disposition_name']);
});

test('keeps priority within 0..100 and integral', () => {
  assert.deepEqual(paths({ priority: 0 }), []);
  assert.deepEqual(paths({ priority: 100 }), []);
  assert.deepEqual(paths({ priority: 101 }), ['priority']);
  assert.deepEqual(paths({ priority: -1 }), ['priority']);
  assert.deepEqual(paths({ priority: 90.5 }), ['priority']);
});

test('rejects over-long source and reason, and a reversed valid time', () => {
  assert.deepEqual(paths({ source: 's'.repeat(2049) }), ['source']);
  assert.deepEqual(paths({ source: '' }), ['source']);
  assert.deepEqual(paths({ reason: 'r'.repeat(1025) }), ['reason']);
  assert.deepEqual(
    paths({ valid_time: { start_time: '2024-01-08T00:00:00Z', end_time: '2024-01-01T00:00:00Z' } }),
    ['valid_time.end_time'],
  );
});

test('rejects a sighting id and unknown keys', () => {
  assert.deepEqual(
    paths({ id: 'https://h.example/ctia/sighting/sighting-de305d54-75b4-431b-adb2-eb6b9e546014' }),
    ['id'],
  );
  assert.deepEqual(paths({ count: 1 }), ['']);
});
