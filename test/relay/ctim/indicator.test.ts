import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indicatorSchema } from '../../../src/relay/ctim/index.js';

function good(): Record<string, unknown> {
  return {
    id: 'transient:indicator-1',
    type: 'indicator',
    schema_version: '1.3.29',
    producer: 'Microsoft Defender for Endpoint',
    valid_time: {},
  };
}
const paths = (patch: Record<string, unknown>, drop?: string) => {
  const i = { ...good(), ...patch };
  if (drop) delete i[drop];
  const r = indicatorSchema.safeParse(i);
  return r.success ? [] : r.error.issues.map((x) => x.path.join('.'));
};

test('accepts a minimal and a rich indicator', () => {
  assert.deepEqual(paths({}), []);
  const rich = {
    title: 'Custom detection',
    indicator_type: ['File Hash Watchlist', 'C2'],
    kill_chain_phases: [{ kill_chain_name: 'lockheed-martin', phase_name: 'delivery' }],
    composite_indicator_expression: { operator: 'or', indicator_ids: ['transient:indicator-2'] },
    tags: ['graphsoc'],
    confidence: 'Medium',
    severity: 'Critical',
    negate: false,
    specification: { type: 'Judgement', judgements: [] },
  };
  assert.deepEqual(paths(rich), []);
});

test('names each missing required field', () => {
  for (const key of ['id', 'producer', 'schema_version', 'type', 'valid_time']) {
    assert.deepEqual(paths({}, key), [key], key);
  }
});

test('rejects unknown indicator types and operators', () => {
  assert.deepEqual(paths({ indicator_type: ['Phishing'] }), ['indicator_type.0']);
  assert.deepEqual(
    paths({ composite_indicator_expression: { operator: 'xor', indicator_ids: ['transient:i'] } }),
    ['composite_indicator_expression.operator'],
  );
  assert.deepEqual(paths({ composite_indicator_expression: { operator: 'and', indicator_ids: [] } }), [
    'composite_indicator_expression.indicator_ids',
  ]);
});

test('rejects over-long title and description, and an empty producer', () => {
  assert.deepEqual(paths({ title: 'x'.repeat(1025) }), ['title']);
  assert.deepEqual(paths({ description: 'x'.repeat(5001) }), ['description']);
  assert.deepEqual(paths({ producer: '' }), ['producer']);
});

test('rejects a judgement id as its own id', () => {
  assert.deepEqual(
    paths({ id: 'https://h.example/ctia/judgement/judgement-de305d54-75b4-431b-adb2-eb6b9e546014' }),
    ['id'],
  );
});
