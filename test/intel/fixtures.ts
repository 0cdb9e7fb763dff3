// Indicators for the intel tests: built through createIndicator, as a source builds them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createIndicator, type Indicator, type IndicatorInput } from '../../src/intel/index.js';

export const DAY = 86_400_000;
export const NOW = Date.UTC(2024, 5, 11, 6, 40);

export function indicator(over: Partial<IndicatorInput> = {}): Indicator {
  const r = createIndicator({
    type: 'domain',
    value: 'c2.badguy.test-feed.net',
    source: 'trustar',
    sourceRef: '59cd8570-5dce-4e5b-b09c-9807530a7086',
    firstSeenMs: NOW - 2 * DAY,
    lastSeenMs: NOW - DAY,
    tags: ['c2'],
    score: 80,
    tlp: 'amber',
    ...over,
  });
  assert.ok(r.ok, JSON.stringify(r));
  return r.indicator;
}

/** A reference payload's JSON (fixtures/README.md: where each comes from). */
export function tiFixture(path: string): unknown {
  const url = new URL(`./fixtures/${path}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

/** Each key's JSON type ('string', 'number', 'boolean', 'array', 'object', 'null'). */
export function shapeOf(o: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k, v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v]),
  );
}
