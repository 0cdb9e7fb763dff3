// Paths from caller values: every value one segment, percent-encoded, and the values URL resolution
// would turn into another path refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { safePath, segment } from '../../../src/platform/http/index.js';

describe('safePath and segment', () => {
  test('each value becomes one encoded segment, whatever it holds', () => {
    const values = ['../../organization', 'a/b', 'x?$top=1', 'x#frag', '%2e%2e', 'ünï cödé', 'a@b.example'];
    for (const v of values) {
      const p = safePath`/users/${v}/messages`;
      const url = new URL(p.slice(1), 'https://graph.example/v1.0/');
      assert.equal(url.search, '', v);
      assert.equal(url.hash, '', v);
      const parts = url.pathname.split('/');
      assert.deepEqual(parts.map(decodeURIComponent), ['', 'v1.0', 'users', v, 'messages'], v);
    }
  });

  test('literal parts stay as written and values are joined in order', () => {
    assert.equal(safePath`/groups/${'g 1'}/members/${'u/2'}/$ref`, '/groups/g%201/members/u%2F2/$ref');
    assert.equal(safePath`machines`, 'machines');
  });

  test('an empty value, "." and ".." are refused', () => {
    for (const v of ['', '.', '..']) {
      assert.throws(() => segment(v), TypeError);
      assert.throws(() => safePath`/users/${v}`, TypeError);
    }
    assert.equal(segment('...'), '...');
  });
});
