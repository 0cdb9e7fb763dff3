import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relationshipSchema } from '../../../src/relay/ctim/index.js';

function good(): Record<string, unknown> {
  return {
    id: 'transient:relationship-1',
    type: 'relationship',
    schema_version: '1.3.29',
    relationship_type: 'sighting-of',
    source_ref: 'transient:sighting-1',
    target_ref:
      'https://private.intel.amp.cisco.com/ctia/indicator/indicator-de305d54-75b4-431b-adb2-eb6b9e546014',
  };
}
const paths = (patch: Record<string, unknown>, drop?: string) => {
  const r0 = { ...good(), ...patch };
  if (drop) delete r0[drop];
  const r = relationshipSchema.safeParse(r0);
  return r.success ? [] : r.error.issues.map((x) => x.path.join('.'));
};

test('accepts a sighting-of relationship between a transient and a stored entity', () => {
  assert.deepEqual(paths({}), []);
});

test('names each missing required field', () => {
  for (const key of ['id', 'relationship_type', 'schema_version', 'source_ref', 'target_ref', 'type']) {
    assert.deepEqual(paths({}, key), [key], key);
  }
});

test('rejects relationship types outside CTIM, including observed-relation names', () => {
  for (const t of ['Connected_To', 'connected-to', 'sighting_of', 'Based-On', '']) {
    assert.deepEqual(paths({ relationship_type: t }), ['relationship_type'], t);
  }
});

test('rejects refs that are not ids', () => {
  assert.deepEqual(paths({ source_ref: 'sighting-1' }), ['source_ref']);
  assert.deepEqual(paths({ target_ref: 'https://example.com/' }), ['target_ref']);
});

test('rejects over-long text fields', () => {
  assert.deepEqual(paths({ short_description: 's'.repeat(2049) }), ['short_description']);
  assert.deepEqual(paths({ title: 't'.repeat(1025) }), ['title']);
});
