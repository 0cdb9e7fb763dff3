// Sign-ins under way: taken once, expiring, and capped per client network, since /sign-in/start
// needs no session and writes a row; on both dialects.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FLOW_TTL_MS, FlowStore } from '../../../src/console/sign-in/index.js';
import { MAX_FLOWS_PER_IP } from '../../../src/console/sign-in/flows.js';
import { SignInThrottledError } from '../../../src/platform/web-session/index.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

const flow = { nonce: 'n', codeVerifier: 'v', returnPath: '/' };

for (const dialect of DIALECTS) {
  describe(`console sign-ins under way on ${dialect}`, () => {
    let db: TestDatabase;
    let now = 1_800_000_000_000;
    let flows: FlowStore;
    before(async () => {
      db = await openTestDatabase(dialect);
      flows = new FlowStore(db.store, () => now);
    });
    after(() => db.cleanup());

    test('a flow is taken once; a late one says it expired', async () => {
      await flows.put('s-1', flow, '198.51.100.1');
      assert.deepEqual(await flows.take('s-1'), flow);
      assert.equal(await flows.take('s-1'), undefined);
      await flows.put('s-2', flow, '198.51.100.1');
      now += FLOW_TTL_MS;
      assert.equal(await flows.take('s-2'), 'expired');
    });

    test('one network may have a bounded number open; others are not held back, and room comes back as flows expire', async () => {
      for (let i = 0; i < MAX_FLOWS_PER_IP; i++) await flows.put(`a-${i}`, flow, '203.0.113.7');
      await assert.rejects(flows.put('a-over', flow, '203.0.113.7'), (e: unknown) => {
        assert.ok(e instanceof SignInThrottledError);
        assert.equal(e.httpStatus, 429);
        assert.equal(e.retryAfterSec, FLOW_TTL_MS / 1000);
        return true;
      });
      await flows.put('b-1', flow, '203.0.113.8');
      // An IPv6 client holds its /64: other addresses in it count as the same network.
      for (let i = 0; i < MAX_FLOWS_PER_IP; i++) await flows.put(`v6-${i}`, flow, `2001:db8:0:1::${i + 1}`);
      await assert.rejects(flows.put('v6-over', flow, '2001:db8:0:1:ffff::9'), SignInThrottledError);
      await flows.put('v6-other', flow, '2001:db8:0:2::1');
      now += FLOW_TTL_MS;
      await flows.put('a-again', flow, '203.0.113.7');
    });
  });
}
