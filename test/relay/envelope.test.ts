import assert from 'node:assert/strict';
import { test } from 'node:test';
import { envelope } from '../../src/relay/protocol/envelope.js';

const warning = { code: 'unsupported type', message: 'skipped', type: 'warning' as const };
const fatal = { code: 'unknown', message: 'Something went wrong.', type: 'fatal' as const };

test('data alone on success, even when empty', () => {
  assert.deepEqual(envelope({}), { data: {} });
  assert.deepEqual(envelope([]), { data: [] });
  assert.deepEqual(envelope({ sightings: { count: 1, docs: [{}] } }), {
    data: { sightings: { count: 1, docs: [{}] } },
  });
});

test('errors alone when there is nothing to show', () => {
  assert.deepEqual(envelope(undefined, [fatal]), { errors: [fatal] });
  assert.deepEqual(envelope({}, [warning]), { errors: [warning] });
});

test('data and errors together for partial results', () => {
  assert.deepEqual(envelope({ sightings: { count: 1, docs: [{}] } }, [warning]), {
    data: { sightings: { count: 1, docs: [{}] } },
    errors: [warning],
  });
  assert.deepEqual(envelope([{ id: 'x' }], [fatal]), { data: [{ id: 'x' }], errors: [fatal] });
});
