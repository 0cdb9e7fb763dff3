import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RelayHarness, startRelay } from './helpers.js';

describe('relay: malformed bodies get invalid argument, never a 500', () => {
  let r: RelayHarness;
  before(async () => {
    r = await startRelay();
  });
  after(() => r.close());

  const cases: Array<[string, unknown, RegExp]> = [
    ['not JSON', '{"type": "ip", ', /Invalid input type/],
    ['an object instead of a list', { type: 'ip', value: '1.1.1.1' }, /Invalid input type/],
    ['a string', '"ip"', /Invalid input type/],
    ['null', 'null', /Invalid input type/],
    ['an empty body', '', /Invalid input type/],
    ['a blank value', [{ type: 'ip', value: '  ' }], /"0":\{"value":\["Field may not be blank\."\]\}/],
    ['a missing type', [{ value: '1.1.1.1' }], /"type":\["Missing data for required field\."\]/],
    ['a number as value', [{ type: 'ip', value: 1 }], /"value":\["Not a valid string\."\]/],
    ['an unknown field', [{ type: 'ip', value: '1.1.1.1', extra: true }], /"extra":\["Unknown field\."\]/],
    [
      '10,000 observables',
      Array.from({ length: 10_000 }, (_, i) => ({ type: 'ip', value: `10.0.${i >> 8}.${i & 255}` })),
      /At most 1000/,
    ],
    ['a list of nulls', [null, null], /Invalid input type/],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`, /Invalid/],
  ];
  for (const [what, body, message] of cases) {
    test(`${what}`, async () => {
      const res = await r.post('/relay/echo/observe/observables', body);
      assert.equal(res.status, 200);
      assert.equal(res.body.errors?.[0]?.code, 'invalid argument', JSON.stringify(res.body).slice(0, 300));
      assert.match(res.body.errors?.[0]?.message ?? '', message);
      assert.equal(res.body.data, undefined);
    });
  }

  test('an unknown observable type is skipped with a warning, not refused', async () => {
    const res = await r.post('/relay/echo/observe/observables', [{ type: 'not-a-ctim-type', value: 'x' }]);
    assert.deepEqual(
      res.body.errors?.map((e) => e.type),
      ['warning'],
    );
  });

  test('trigger and tile bodies are validated too', async () => {
    const t = await r.post('/relay/echo/respond/trigger', { observable_type: 'ip' });
    assert.match(t.body.errors?.[0]?.message ?? '', /"action-id":\["Missing data for required field\."\]/);
    const d = await r.post('/relay/echo/tiles/tile-data', { tile_id: 'x', period: '' });
    assert.match(d.body.errors?.[0]?.message ?? '', /"period":\["Field may not be blank\."\]/);
  });
});
