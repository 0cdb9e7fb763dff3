// Unit tests of the tile periods: the window each period stands for, the days it touches, and the
// periods a tile does not offer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RelayError } from '../../../../../src/relay/protocol/relay-error.js';
import {
  timeRange,
  utcDaysOf,
  windowFor,
} from '../../../../../src/relay/modules/graph-security/tiles/periods.js';

const NOW = Date.parse('2026-03-10T15:30:00.000Z');
const ALL = ['last_hour', 'last_24_hours', 'last_7_days', 'last_30_days'] as const;

describe('tile periods', () => {
  test('each period is a window of its length that ends now', () => {
    const hours = { last_hour: 1, last_24_hours: 24, last_7_days: 168, last_30_days: 720 };
    for (const [period, h] of Object.entries(hours)) {
      assert.deepEqual(windowFor(period, ALL, NOW), { startMs: NOW - h * 3_600_000, endMs: NOW });
    }
  });

  test('an unknown period, one the tile lacks, or an inherited property name is an invalid argument', () => {
    for (const period of ['last_year', 'LAST_HOUR', ' last_hour', 'toString', '__proto__', 'constructor']) {
      assert.throws(
        () => windowFor(period, ALL, NOW),
        (e) => e instanceof RelayError && e.relayCode === 'invalid argument' && e.message.includes(period),
      );
    }
    assert.throws(() => windowFor('last_hour', ['last_7_days'], NOW), /offers last_7_days/);
  });

  test('observed time is ISO 8601 UTC with milliseconds', () => {
    assert.deepEqual(timeRange(windowFor('last_hour', ALL, NOW)), {
      start_time: '2026-03-10T14:30:00.000Z',
      end_time: '2026-03-10T15:30:00.000Z',
    });
  });

  test('the days of a window are the UTC midnights it touches, partial first and last day included', () => {
    const days = utcDaysOf(windowFor('last_7_days', ALL, NOW)).map((d) =>
      new Date(d).toISOString().slice(0, 10),
    );
    assert.deepEqual(days, [
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
    const midnight = Date.parse('2026-03-10T00:00:00.000Z');
    assert.equal(utcDaysOf({ startMs: midnight - 86_400_000, endMs: midnight }).length, 2);
  });
});
