// Builders validate by default; with checks off they return what they built, unchanged.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CtimError, setCtimChecks, sighting } from '../../../src/relay/ctim/index.js';

after(() => setCtimChecks(true));

const input = {
  observed_time: { start_time: '2026-01-01T00:00:00Z' },
  source: 'test',
  tlp: 'purple' as 'red',
};

test('checks on: an invalid sighting throws CtimError', () => {
  setCtimChecks(true);
  assert.throws(() => sighting(input), CtimError);
});

test('checks off: the same input is returned as built, with the defaults filled', () => {
  setCtimChecks(false);
  const s = sighting(input);
  assert.equal(s.tlp, 'purple');
  assert.equal(s.count, 1);
  assert.equal(s.confidence, 'Unknown');
  assert.match(s.id, /^transient:sighting-/);
});
