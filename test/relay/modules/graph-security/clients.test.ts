// Values per credential set: one per (tenant, app, secret), least recently used evicted, and an
// evicted client closed only after a grace period, so a request that still holds it can finish.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { PerCredential } from '../../../../src/relay/modules/graph-security/clients.js';

const claims = (n: number, secret = 's') => ({
  tenant_id: `t${n}`,
  application_id: 'app',
  client_secret: secret,
});

test('one value per credential set; a different secret is a different set', () => {
  let made = 0;
  const p = new PerCredential(() => ({ n: ++made }));
  assert.equal(p.for(claims(1)), p.for(claims(1)));
  assert.notEqual(p.for(claims(1)), p.for(claims(1, 'rotated')));
  assert.equal(made, 2);
});

test('past max the least recently used goes, and is disposed only after the grace period', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const disposed: string[] = [];
    const p = new PerCredential((c) => c.tenant_id, {
      max: 2,
      dispose: async (v) => {
        disposed.push(v);
      },
    });
    p.for(claims(1));
    p.for(claims(2));
    p.for(claims(1)); // now t2 is the oldest
    p.for(claims(3));
    assert.deepEqual(disposed, [], 'not yet: a request may still use it');
    mock.timers.tick(150_000);
    assert.deepEqual(disposed, ['t2']);
    await p.close();
    assert.deepEqual(disposed.sort(), ['t1', 't2', 't3']);
  } finally {
    mock.timers.reset();
  }
});

test('close disposes evicted values at once, without waiting for their grace, and nothing twice', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const disposed: string[] = [];
    const p = new PerCredential((c) => c.tenant_id, {
      max: 1,
      dispose: async (v) => {
        disposed.push(v);
      },
    });
    p.for(claims(1));
    p.for(claims(2));
    await p.close();
    mock.timers.tick(200_000);
    assert.deepEqual(disposed, ['t1', 't2'], 'the evicted one at once, and nothing twice');
  } finally {
    mock.timers.reset();
  }
});
