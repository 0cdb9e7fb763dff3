import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entitiesLimit } from '../../../../src/relay/modules/graph-security/limit.js';

test('CTR_ENTITIES_LIMIT is read from the token, clamped, and defaulted when absent or invalid', () => {
  const d = { defaultLimit: 100, maxLimit: 250 };
  const cases: Array<[unknown, number]> = [
    [undefined, 100],
    ['50', 50],
    [50, 50],
    [' 7 ', 7],
    ['1000', 250],
    [0, 100],
    ['-5', 100],
    ['1e3', 100],
    ['12abc', 100],
    [3.5, 100],
    [null, 100],
    [{}, 100],
  ];
  for (const [claim, expected] of cases)
    assert.equal(entitiesLimit(claim, d), expected, JSON.stringify(claim));
  assert.equal(entitiesLimit(undefined, { defaultLimit: 500, maxLimit: 100 }), 100);
});
