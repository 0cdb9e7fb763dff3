import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stopOnSignals } from '../../src/cli/lifecycle.js';

function harness() {
  let t = 0;
  const handlers = new Map<string, () => void>();
  const logged: string[] = [];
  const exits: number[] = [];
  let finish!: () => void;
  const stopped = stopOnSignals(
    () =>
      new Promise<void>((r) => {
        finish = r;
      }),
    (m) => logged.push(m),
    {
      now: () => t,
      exit: (c) => exits.push(c),
      on: (s, f) => handlers.set(s, f),
    },
  );
  return {
    signal: (s: string, at: number) => {
      t = at;
      handlers.get(s)?.();
    },
    logged,
    exits,
    finish: () => finish(),
    stopped,
  };
}

test('the echo of Ctrl-C from a wrapper in the process group does not cut the clean stop short', async () => {
  const h = harness();
  h.signal('SIGINT', 0);
  h.signal('SIGINT', 5);
  h.signal('SIGINT', 900);
  assert.deepEqual(h.exits, []);
  h.finish();
  await h.stopped;
  assert.deepEqual(h.logged, ['SIGINT received: stopping']);
});

test('a second Ctrl-C a moment later exits at once', () => {
  const h = harness();
  h.signal('SIGTERM', 0);
  h.signal('SIGINT', 1500);
  assert.deepEqual(h.exits, [130]);
  assert.deepEqual(h.logged, ['SIGTERM received: stopping', 'SIGINT again: exiting without waiting']);
});
