// ArcherClient.ping against the emulator: one login and the cheapest read (one application's id and
// name), a refused password as GSOC_ARCHER_AUTH_FAILED without the password in the message, and an
// unreachable Archer as a transport error.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startArcherEmulator } from '../../../emulators/archer/index.js';
import { ArcherAuthError } from '../../../src/connectors/archer/index.js';
import { archerFixture, clientFor, count } from './helpers.js';

describe('archer connector: ping', () => {
  const t = archerFixture();

  test('logs in once and reads one application', async () => {
    t.em.clearRequests();
    const c = clientFor(t.em);
    await c.ping();
    await c.ping();
    assert.equal(count(t.em, '/security/login'), 1);
    const reads = t.em.requests().filter((r) => r.path.endsWith('/core/system/application'));
    assert.equal(reads.length, 2);
    assert.deepEqual(reads[0]?.query, { $top: '1', $select: 'Id,Name' });
    await c.close();
  });

  test('a refused password fails the ping with GSOC_ARCHER_AUTH_FAILED and keeps the password out', async () => {
    const c = clientFor(t.em, { password: 'wrong-password-123' });
    await assert.rejects(c.ping(), (e: unknown) => {
      assert.ok(e instanceof ArcherAuthError);
      assert.equal(e.code, 'GSOC_ARCHER_AUTH_FAILED');
      assert.doesNotMatch(e.message, /wrong-password-123/);
      return true;
    });
    await c.close();
  });

  test('an Archer that does not answer fails the ping with a transport error', async () => {
    const down = await startArcherEmulator();
    const c = clientFor(down);
    await down.close();
    await assert.rejects(c.ping(), { code: 'GSOC_HTTP_UNREACHABLE' });
    await c.close();
  });
});
