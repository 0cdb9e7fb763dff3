// Latency buckets and the percentiles read back from their sums.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUCKET_BOUNDS_MS, quantile } from '../../../src/relay/stats/index.js';
import { bucketOf } from '../../../src/relay/stats/histogram.js';

test('puts a latency in the first bucket whose bound it does not pass', () => {
  assert.equal(bucketOf(0), 0);
  assert.equal(bucketOf(25), 0);
  assert.equal(bucketOf(25.1), 1);
  assert.equal(bucketOf(10_000), BUCKET_BOUNDS_MS.length - 1);
  assert.equal(bucketOf(60_000), BUCKET_BOUNDS_MS.length);
});

test('interpolates a quantile within the bucket that holds its rank', () => {
  const counts = new Array(10).fill(0);
  counts[2] = 10; // 50..100 ms
  assert.equal(quantile(counts, 0.5), 75);
  assert.equal(quantile(counts, 1), 100);
  counts[5] = 10; // 500..1000 ms
  assert.equal(quantile(counts, 0.5), 100);
  assert.equal(quantile(counts, 0.95), 950);
});

test('answers the lower bound of the open last bucket and nothing without calls', () => {
  const counts = new Array(10).fill(0);
  assert.equal(quantile(counts, 0.5), undefined);
  counts[9] = 3;
  assert.equal(quantile(counts, 0.95), 10_000);
});
