// The upstream clock counts overlapping calls once and ignores a second end of the same call.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UpstreamWait } from '../../../src/platform/http/index.js';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

test('sequential waits add up', () => {
  const c = clock();
  const w = new UpstreamWait(c.now);
  const a = w.begin();
  c.advance(10);
  a();
  c.advance(5); // own work
  const b = w.begin();
  c.advance(7);
  b();
  assert.equal(w.ms, 17);
});

test('concurrent waits count their union once', () => {
  const c = clock();
  const w = new UpstreamWait(c.now);
  const a = w.begin();
  c.advance(4);
  const b = w.begin();
  c.advance(6);
  a();
  c.advance(3);
  b();
  c.advance(100);
  assert.equal(w.ms, 13);
});

test('a wait in flight is counted up to now; ending twice changes nothing', () => {
  const c = clock();
  const w = new UpstreamWait(c.now);
  const a = w.begin();
  c.advance(5);
  assert.equal(w.ms, 5);
  a();
  a();
  const b = w.begin();
  c.advance(2);
  b();
  assert.equal(w.ms, 7);
});
