import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Wakeups } from '../../../src/phishing/pipeline/wakeups.js';

const never = new AbortController().signal;

test('a wake resolves the waiter of its key with true, not the waiters of other keys', async () => {
  const w = new Wakeups();
  const a = w.wait('a', 60_000, never);
  const b = w.wait('b', 1, never);
  w.wake('a');
  assert.equal(await a, true);
  assert.equal(await b, false);
});

test('a wake while nobody waits is kept for the next wait, once', async () => {
  const w = new Wakeups();
  w.wake('a');
  w.wake('a');
  assert.equal(await w.wait('a', 60_000, never), true);
  assert.equal(await w.wait('a', 1, never), false);
});

test('the time running out or the signal aborting resolves false', async () => {
  const w = new Wakeups();
  assert.equal(await w.wait('a', 1, never), false);
  const stop = new AbortController();
  const waiting = w.wait('a', 60_000, stop.signal);
  stop.abort();
  assert.equal(await waiting, false);
  // The aborted waiter is gone: the next wake is kept instead of lost.
  w.wake('a');
  assert.equal(await w.wait('a', 60_000, never), true);
});
