// The pacer never starts more calls than the limit in any window, uses the whole limit, honours a
// 429's pause and hands turns out in order; the top-K keeps the best-scored and is deterministic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareRank, TopK } from '../../../src/intel/engine/capacity.js';
import { Pacer } from '../../../src/intel/engine/pacer.js';
import { instantClock } from './helpers.js';

function maxInAnyWindow(starts: number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < starts.length; hi++) {
    while ((starts[hi] as number) - (starts[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

test('at most `calls` starts in any window, and the whole limit is used', async () => {
  for (const [calls, windowMs] of [
    [100, 60_000],
    [30, 60_000],
    [1, 1000],
    [7, 333],
  ] as const) {
    const clock = instantClock(0);
    const pacer = new Pacer({ calls, windowMs, clock });
    const starts: number[] = [];
    for (let i = 0; i < calls * 10; i++) {
      const done = await pacer.turn();
      starts.push(clock.t);
      clock.t += 3; // each call takes a moment before the next asks
      done();
    }
    assert.ok(maxInAnyWindow(starts, windowMs) <= calls, `${calls}/${windowMs}`);
    // Ten windows' worth of calls took just over nine windows (each window counts from a call's
    // end, so it waits one call's duration more): nothing else of the limit was wasted.
    const span = (starts.at(-1) as number) - (starts[0] as number);
    assert.ok(span <= 9 * (windowMs + 3) + calls * 3, `span ${span}`);
  }
});

test('a window counts from when calls ended, so however late a call arrived the next window is clear', async () => {
  const clock = instantClock(0);
  const pacer = new Pacer({ calls: 2, windowMs: 1000, clock });
  const first = await pacer.turn();
  const second = await pacer.turn();
  // The first call is slow (a queue, the network): it ends, and so surely arrived, at 400.
  clock.t = 400;
  first();
  second();
  await pacer.turn();
  assert.equal(clock.t, 1400);
});

test('when every slot is a call still out, the next turn waits for one to end', async () => {
  const clock = instantClock(0);
  const pacer = new Pacer({ calls: 1, windowMs: 10, clock });
  const done = await pacer.turn();
  let granted = false;
  const next = pacer.turn().then((d) => {
    granted = true;
    return d;
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(granted, false);
  done();
  done(); // a second call of done changes nothing
  (await next)();
  assert.equal(granted, true);
  assert.equal(clock.t, 10);
});

test('a 429 pause holds every later turn until it has passed', async () => {
  const clock = instantClock(0);
  const pacer = new Pacer({ calls: 100, windowMs: 60_000, clock });
  await pacer.turn();
  pacer.pauseUntil(5000);
  await pacer.turn();
  assert.ok(clock.t >= 5000);
});

test('turns are handed out in the order asked, and an aborted waiter does not block the rest', async () => {
  const clock = instantClock(0);
  const pacer = new Pacer({ calls: 1, windowMs: 1000, clock });
  const order: number[] = [];
  const aborted = AbortSignal.abort(new Error('stop'));
  await Promise.all([
    pacer.turn().then((done) => {
      order.push(1);
      done();
    }),
    pacer.turn(aborted).catch(() => order.push(-2)),
    pacer.turn().then(() => order.push(3)),
  ]);
  assert.deepEqual(order, [1, -2, 3]);
});

test('top-K keeps the best by score, then last seen, then key', () => {
  const top = new TopK(3);
  const items = [
    { score: 50, lastSeenMs: 1, key: 'a' },
    { score: 90, lastSeenMs: 1, key: 'b' },
    { score: 50, lastSeenMs: 2, key: 'c' },
    { score: 10, lastSeenMs: 9, key: 'd' },
    { score: 50, lastSeenMs: 2, key: 'e' },
  ];
  for (const i of items) top.offer(i);
  assert.deepEqual(
    items.filter((i) => top.keeps(i)).map((i) => i.key),
    ['b', 'c', 'e'],
  );
  assert.equal(top.offered, 5);
  assert.ok(
    compareRank(items[2] as never, items[4] as never) > 0,
    'among equals the smaller key ranks higher',
  );
});

test('top-K with room for all keeps all; with none keeps none', () => {
  const all = new TopK(10);
  const none = new TopK(0);
  for (let i = 0; i < 5; i++) {
    all.offer({ score: i, lastSeenMs: 0, key: `k${i}` });
    none.offer({ score: i, lastSeenMs: 0, key: `k${i}` });
  }
  assert.ok(all.keeps({ score: 0, lastSeenMs: 0, key: 'k0' }));
  assert.equal(none.keeps({ score: 4, lastSeenMs: 0, key: 'k4' }), false);
});
