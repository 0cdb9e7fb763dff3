import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verdictSchema } from '../../../src/relay/ctim/index.js';

// The Talos verdict from the relay snapshot (reference/relay.md §5.2).
function talos(): Record<string, unknown> {
  return {
    type: 'verdict',
    disposition: 3,
    disposition_name: 'Suspicious',
    observable: { type: 'domain', value: 'cisco.com' },
    judgement_id: 'transient:judgement-4a1c',
    valid_time: { start_time: '2024-01-01T00:00:00Z', end_time: '2024-01-02T00:00:00Z' },
  };
}
const paths = (v: Record<string, unknown>) => {
  const r = verdictSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

test('accepts the relay-style verdict', () => {
  assert.deepEqual(paths(talos()), []);
});

test('needs only disposition, observable, type and valid_time', () => {
  const v = talos();
  delete v.disposition_name;
  delete v.judgement_id;
  assert.deepEqual(paths({ ...v, valid_time: {} }), []);
  for (const key of ['disposition', 'observable', 'type', 'valid_time']) {
    const w = talos();
    delete w[key];
    assert.deepEqual(paths(w), [key], key);
  }
});

test('rejects a name that contradicts the disposition', () => {
  assert.deepEqual(paths({ ...talos(), disposition_name: 'Clean' }), ['disposition_name']);
});

test('rejects a judgement_id that is neither transient nor a CTIA URL', () => {
  assert.deepEqual(paths({ ...talos(), judgement_id: 'judgement-4a1c' }), ['judgement_id']);
  assert.deepEqual(paths({ ...talos(), judgement_id: '' }), ['judgement_id']);
});

test('rejects keys verdicts do not have, such as id and schema_version', () => {
  assert.deepEqual(paths({ ...talos(), id: 'transient:verdict-1' }), ['']);
  assert.deepEqual(paths({ ...talos(), schema_version: '1.3.29' }), ['']);
});

test('rejects a wrong type and a string disposition', () => {
  assert.deepEqual(paths({ ...talos(), type: 'judgement' }), ['type']);
  assert.deepEqual(paths({ ...talos(), disposition: '3' }), ['disposition']);
});
