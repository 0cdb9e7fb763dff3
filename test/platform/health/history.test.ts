// The dependency checks' history on both dialects: the registry records state changes only, several
// instances' duplicates merge, outages are clipped to the range, and the chart counts minutes per day.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { HealthHistory, HealthRegistry, outageChart } from '../../../src/platform/health/index.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

const DAY = 86_400_000;
const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 10, 0, 0);

for (const dialect of DIALECTS) {
  describe(`health history on ${dialect}`, () => {
    const open: TestDatabase[] = [];
    const fresh = async () => {
      const t = await openTestDatabase(dialect);
      open.push(t);
      return new HealthHistory(t.store.db);
    };
    after(() => Promise.all(open.map((t) => t.cleanup())));

    test('the registry records each change of state, with the failure code, and nothing else', async () => {
      const history = await fresh();
      let now = T0;
      let failing: Error | undefined;
      const registry = new HealthRegistry({ everyMs: 60_000, recorder: history, now: () => now });
      registry.add({
        name: 'tenant:contoso:graph',
        check: async () => {
          if (failing) throw failing;
        },
      });
      await registry.runOnce(); // unknown → ok at T0
      now += MIN;
      await registry.runOnce(); // ok → ok: nothing
      now += MIN;
      failing = Object.assign(new Error('no token'), { code: 'GSOC_IDENTITY_FAILED' });
      await registry.runOnce(); // → failing at T0+2m
      now += MIN;
      await registry.runOnce(); // failing → failing: nothing
      now += 10 * MIN;
      failing = undefined;
      await registry.runOnce(); // → ok at T0+13m
      const outages = await history.outages(T0 - DAY, T0 + DAY);
      assert.deepEqual(Object.fromEntries(outages), {
        'tenant:contoso:graph': [
          { from: T0 + 2 * MIN, until: T0 + 13 * MIN, ongoing: false, code: 'GSOC_IDENTITY_FAILED' },
        ],
      });
    });

    test('merges the same changes written by several instances and keeps the first', async () => {
      const history = await fresh();
      await history.transition('db', 'failing', T0 + 5 * MIN, 'A');
      await history.transition('db', 'failing', T0 + 6 * MIN, 'B');
      await history.transition('db', 'ok', T0 + 20 * MIN);
      await history.transition('db', 'ok', T0 + 21 * MIN);
      await history.transition('db', 'failing', T0 + 30 * MIN);
      const outages = await history.outages(T0, T0 + 60 * MIN);
      assert.deepEqual(outages.get('db'), [
        { from: T0 + 5 * MIN, until: T0 + 20 * MIN, ongoing: false, code: 'A' },
        { from: T0 + 30 * MIN, until: T0 + 60 * MIN, ongoing: true },
      ]);
    });

    test('clips an outage that began before the range, and leaves out dependencies that never failed', async () => {
      const history = await fresh();
      await history.transition('a', 'failing', T0 - DAY, 'OLD');
      await history.transition('a', 'ok', T0 + 90 * MIN);
      await history.transition('b', 'ok', T0 - DAY);
      await history.transition('c', 'failing', T0 - 2 * DAY);
      await history.transition('c', 'ok', T0 - DAY);
      const outages = await history.outages(T0, T0 + DAY);
      assert.deepEqual([...outages.keys()], ['a']);
      assert.deepEqual(outages.get('a'), [{ from: T0, until: T0 + 90 * MIN, ongoing: false, code: 'OLD' }]);
    });

    test('the purge keeps each dependency its last event, so an open outage stays open', async () => {
      const history = await fresh();
      await history.transition('a', 'failing', T0 - 40 * DAY, 'X');
      await history.transition('b', 'failing', T0 - 40 * DAY);
      await history.transition('b', 'ok', T0 - 39 * DAY);
      assert.equal(await history.purge(T0 - 30 * DAY), 1);
      const outages = await history.outages(T0, T0 + MIN);
      assert.deepEqual(outages.get('a'), [{ from: T0, until: T0 + MIN, ongoing: true, code: 'X' }]);
      assert.equal(outages.has('b'), false);
    });
  });
}

describe('outageChart', () => {
  test('counts minutes failing per UTC day, split at midnight, one stacked series per dependency', () => {
    const now = T0 + 2 * DAY + 12 * 60 * MIN; // noon of the third day
    const outages = new Map([
      ['b', [{ from: T0 + DAY - 30 * MIN, until: T0 + DAY + 45 * MIN, ongoing: false }]],
      ['a', [{ from: T0 + 2 * DAY, until: now, ongoing: true }]],
    ]);
    const chart = outageChart(outages, { now, days: 3, unit: 'minutes' });
    assert.equal(chart.kind, 'bars');
    assert.equal(chart.stacked, true);
    assert.equal(chart.from, T0);
    assert.equal(chart.stepMs, DAY);
    assert.deepEqual(chart.series, [
      { name: 'a', values: [0, 0, 720] },
      { name: 'b', values: [30, 45, 0] },
    ]);
  });

  test('ignores what lies before the first day', () => {
    const now = T0 + 60 * MIN;
    const chart = outageChart(
      new Map([['a', [{ from: T0 - 5 * DAY, until: T0 + 10 * MIN, ongoing: false }]]]),
      {
        now,
        days: 1,
        unit: 'min',
      },
    );
    assert.deepEqual(chart.series, [{ name: 'a', values: [10] }]);
  });
});
