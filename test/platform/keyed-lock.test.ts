import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { KeyedLock } from '../../src/platform/keyed-lock.js';

test('callers of one key run one at a time, in the order they asked', async () => {
  const lock = new KeyedLock();
  const log: string[] = [];
  let inside = 0;
  const job = (name: string) =>
    lock.run('k', async () => {
      inside += 1;
      assert.equal(inside, 1, 'two holders at once');
      log.push(`start ${name}`);
      await tick();
      await tick();
      log.push(`end ${name}`);
      inside -= 1;
    });
  await Promise.all([job('a'), job('b'), job('c')]);
  assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
});

test('other keys are not held up, and a failing holder passes the lock on', async () => {
  const lock = new KeyedLock();
  const log: string[] = [];
  let releaseA!: () => void;
  const a = lock.run('a', () => new Promise<void>((r) => (releaseA = r)).then(() => log.push('a')));
  await lock.run('b', async () => log.push('b'));
  assert.deepEqual(log, ['b'], 'b ran while a was held');
  releaseA();
  await a;
  await assert.rejects(
    lock.run('a', async () => Promise.reject(new Error('boom'))),
    /boom/,
  );
  assert.equal(await lock.run('a', async () => 'next'), 'next');
});
