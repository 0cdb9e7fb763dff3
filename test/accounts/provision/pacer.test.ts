// The write pacer on a virtual clock: never more than the budget in any window wherever in its
// flight each call reaches the server (counted from call ends), the budget used almost whole, turns
// in order, a 429's Retry-After holding every later write, and the throttled write repeated.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WritePacer } from '../../../src/accounts/provision/pacer.js';
import { type Clock, HttpStatusError } from '../../../src/platform/http/index.js';

/** Time moves only when every task waits on it: the earliest sleeper wakes next. */
class VirtualClock implements Clock {
  t = 1_000_000;
  #timers: Array<{ at: number; wake: () => void }> = [];
  now = (): number => this.t;
  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      signal?.throwIfAborted();
      this.#timers.push({ at: this.t + Math.max(0, ms), wake: resolve });
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  /** Runs until `done` settles, moving time to the next timer whenever nothing else can run. */
  async run<T>(done: Promise<T>): Promise<T> {
    let settled = false;
    const out = done.finally(() => {
      settled = true;
    });
    // Handled here too: a rejection lands while the loop still runs, before the caller awaits it.
    out.catch(() => {});
    while (!settled) {
      await new Promise((r) => setImmediate(r));
      if (settled || this.#timers.length === 0) continue;
      this.#timers.sort((a, b) => a.at - b.at);
      const next = this.#timers.shift() as { at: number; wake: () => void };
      this.t = Math.max(this.t, next.at);
      next.wake();
    }
    return out;
  }
}

/** A deterministic pseudo-random sequence (so a failure repeats). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const throttled = (retryAfterMs?: number) =>
  new HttpStatusError({
    status: 429,
    target: { service: 'graph', method: 'POST', host: 'graph.test', path: '/v1.0/users' },
    attempts: 1,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });

describe('write pacer', () => {
  for (const seed of [1, 7, 42])
    test(`never more than the budget in any window, wherever a call arrives (seed ${seed})`, async () => {
      const clock = new VirtualClock();
      const random = lcg(seed);
      const pacer = new WritePacer({ writesPerWindow: 10, windowMs: 1000, clock });
      const arrivals: number[] = [];
      const calls = Array.from({ length: 200 }, () =>
        pacer.write(async () => {
          const duration = Math.floor(random() * 400);
          const arriveAfter = Math.floor(random() * duration);
          await clock.sleep(arriveAfter);
          arrivals.push(clock.now());
          await clock.sleep(duration - arriveAfter);
        }),
      );
      await clock.run(Promise.all(calls));
      arrivals.sort((a, b) => a - b);
      let worst = 0;
      for (let i = 0, j = 0; i < arrivals.length; i++) {
        while ((arrivals[i] as number) - (arrivals[j] as number) >= 1000) j++;
        worst = Math.max(worst, i - j + 1);
      }
      assert.ok(worst <= 10, `${worst} arrivals in one window`);
      assert.deepEqual(pacer.counts(), { sent: 200, throttled: 0 });
    });

  test('uses at least 90 % of the budget when calls are quick', async () => {
    const clock = new VirtualClock();
    const pacer = new WritePacer({ writesPerWindow: 100, windowMs: 10_000, clock });
    const start = clock.now();
    await clock.run(Promise.all(Array.from({ length: 1000 }, () => pacer.write(() => clock.sleep(20)))));
    const windows = (clock.now() - start) / 10_000;
    assert.ok(1000 / (windows * 100) >= 0.9, `${(1000 / (windows * 100)).toFixed(2)} of the budget`);
  });

  test('turns are handed out in the order asked', async () => {
    const clock = new VirtualClock();
    const pacer = new WritePacer({ writesPerWindow: 2, windowMs: 100, clock });
    const order: number[] = [];
    await clock.run(
      Promise.all(Array.from({ length: 9 }, (_, i) => pacer.write(async () => void order.push(i)))),
    );
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test("a 429's Retry-After holds every later write, and the throttled one is repeated", async () => {
    const clock = new VirtualClock();
    const pacer = new WritePacer({ writesPerWindow: 1000, windowMs: 1000, clock });
    const starts: Array<[string, number]> = [];
    let first = true;
    const t0 = clock.now();
    // `a` is answered 429 (Retry-After 5 s) after 10 ms; `b` asks for its turn at 20 ms.
    const a = pacer.write(async () => {
      starts.push(['a', clock.now() - t0]);
      await clock.sleep(10);
      if (first) {
        first = false;
        throw throttled(5000);
      }
      return 'a';
    });
    const b = clock.sleep(20).then(() =>
      pacer.write(async () => {
        starts.push(['b', clock.now() - t0]);
        return 'b';
      }),
    );
    assert.deepEqual(await clock.run(Promise.all([a, b])), ['a', 'b']);
    assert.deepEqual(starts, [
      ['a', 0],
      ['a', 5010],
      ['b', 5010],
    ]);
    assert.deepEqual(pacer.counts(), { sent: 3, throttled: 1 });
  });

  test('a write throttled again and again reaches the caller as its 429; other errors at once', async () => {
    const clock = new VirtualClock();
    const pacer = new WritePacer({ writesPerWindow: 10, windowMs: 1000, clock, throttleRetries: 2 });
    let tries = 0;
    await assert.rejects(
      clock.run(
        pacer.write(async () => {
          tries++;
          throw throttled();
        }),
      ),
      (e) => e instanceof HttpStatusError && e.status === 429,
    );
    assert.equal(tries, 3);
    let once = 0;
    await assert.rejects(
      clock.run(
        pacer.write(async () => {
          once++;
          throw new Error('boom');
        }),
      ),
      /boom/,
    );
    assert.equal(once, 1);
  });

  test('an aborted signal stops a waiting write before it is sent', async () => {
    const clock = new VirtualClock();
    const pacer = new WritePacer({ writesPerWindow: 1, windowMs: 1000, clock });
    await clock.run(pacer.write(async () => {}));
    const stop = new AbortController();
    let sent = false;
    const waiting = pacer.write(async () => {
      sent = true;
    }, stop.signal);
    stop.abort(new Error('stopped'));
    await assert.rejects(clock.run(waiting), /stopped/);
    assert.equal(sent, false);
  });
});
