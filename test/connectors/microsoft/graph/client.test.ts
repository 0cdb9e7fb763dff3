import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { z } from 'zod';
import type { EntraGraphEmulator } from '../../../../emulators/microsoft/index.js';
import { createGraphClient, GraphError } from '../../../../src/connectors/microsoft/graph/index.js';
import {
  createTokenProvider,
  forgetCachedApplications,
} from '../../../../src/connectors/microsoft/identity/index.js';
import type { TenantConfig } from '../../../../src/platform/config/tenant.js';
import { RecordingClock } from '../../../platform/http/helpers.js';
import { freshTenant, GRAPH_SCOPE } from '../helpers.js';
import { startEmulator } from '../helpers.js';

const user = z.looseObject({ id: z.string(), displayName: z.string().optional() });

describe('graph client (against the Graph emulator)', () => {
  let emu: EntraGraphEmulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  afterEach(async () => {
    emu.clearFaults();
    emu.clearRequests();
    await forgetCachedApplications();
  });

  function clientFor(tenant: TenantConfig, clock?: RecordingClock) {
    const tokens = createTokenProvider(tenant, { scopes: { graph: GRAPH_SCOPE } });
    return createGraphClient(tenant, tokens, { ...(clock ? { clock } : {}) });
  }
  const graphCalls = () => emu.requests().filter((r) => r.host === 'graph' && !r.batched);
  const tokenPosts = () => emu.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/token'));

  test('ping reads the organization id', async () => {
    const tenant = freshTenant(emu);
    const graph = clientFor(tenant);
    assert.equal(typeof (await graph.ping()).organizationId, 'string');
    await graph.close();
  });

  test('pages through a collection page by page (3+ pages) with one token', async () => {
    const tenant = freshTenant(emu);
    emu.generateUsers(tenant.tenantId, 25);
    const graph = clientFor(tenant);
    const sizes: number[] = [];
    const ids = new Set<string>();
    for await (const page of graph.pages('/users', {
      query: { $top: 10, $select: 'id,displayName' },
      item: user,
    })) {
      sizes.push(page.length);
      for (const u of page) ids.add(u.id);
    }
    assert.deepEqual(sizes, [10, 10, 5]);
    assert.equal(ids.size, 25);
    assert.equal(tokenPosts().length, 1);
    await graph.close();
  });

  test('a delta round returns the deltaLink and the next round sees only changes', async () => {
    const tenant = freshTenant(emu);
    emu.generateUsers(tenant.tenantId, 12);
    const graph = clientFor(tenant);
    const first = graph.delta('/users/delta', {
      query: { $select: 'id,displayName' },
      item: user,
      maxPageSize: 5,
    });
    const all: string[] = [];
    for await (const page of first) all.push(...page.map((u) => u.id));
    assert.equal(all.length, 12);
    assert.match(first.deltaLink ?? '', /deltatoken=/);
    const changed = all[3] as string;
    const res = await graph.patch(`/users/${changed}`, { displayName: 'Renamed' });
    assert.equal(res.status, 204);
    const second = graph.delta(first.deltaLink as string, { item: user });
    const seen: Array<z.infer<typeof user>> = [];
    for await (const page of second) seen.push(...page);
    assert.deepEqual(
      seen.map((u) => [u.id, u.displayName]),
      [[changed, 'Renamed']],
    );
    assert.match(second.deltaLink ?? '', /deltatoken=/);
    await graph.close();
  });

  test('a refused delta token surfaces as a resync error the caller can act on', async () => {
    const tenant = freshTenant(emu);
    const graph = clientFor(tenant);
    emu.addFault({
      path: '/v1.0/users/delta',
      status: 410,
      code: 'syncStateNotFound',
      message: 'gone',
      times: 1,
    });
    const round = graph.delta('/users/delta');
    await assert.rejects(
      (async () => {
        for await (const _ of round) {
          // drain
        }
      })(),
      (e: unknown) => {
        assert.ok(e instanceof GraphError);
        assert.equal(e.code, 'GSOC_GRAPH_DELTA_RESYNC_REQUIRED');
        assert.equal(e.resyncRequired, true);
        assert.equal(e.status, 410);
        return true;
      },
    );
    await graph.close();
  });

  test('$batch retries only the throttled items after their own Retry-After and keeps input order', async () => {
    const tenant = freshTenant(emu);
    emu.generateUsers(tenant.tenantId, 45);
    const clock = new RecordingClock(Date.now());
    const graph = clientFor(tenant, clock);
    const ids: string[] = [];
    for await (const page of graph.pages('/users', { query: { $top: 999, $select: 'id' }, item: user })) {
      ids.push(...page.map((u) => u.id));
    }
    emu.addFault({ batchItem: true, status: 429, retryAfterSec: 2, ratio: 1 / 3, times: 15 });
    emu.clearRequests();
    const results = await graph.batch(
      ids.map((id) => ({ method: 'GET' as const, url: `/users/${id}?$select=id` })),
    );
    assert.equal(results.length, 45);
    results.forEach((r, i) => {
      assert.equal(r.status, 200);
      assert.equal((r.body as { id: string }).id, ids[i]);
    });
    const retried = results.filter((r) => r.attempts > 1).length;
    assert.equal(retried, 15, 'a third of the items were throttled once');
    assert.ok(clock.sleeps.length >= 1 && clock.sleeps.every((ms) => ms === 2000), String(clock.sleeps));
    const batches = graphCalls().filter((r) => r.path.endsWith('$batch'));
    assert.equal(batches.length, 3 + 1, 'three chunks of 20/20/5, then one chunk of the 15 throttled items');
    await graph.close();
  });

  test('a batch wait that would pass the deadline fails at once', async () => {
    const tenant = freshTenant(emu);
    emu.generateUsers(tenant.tenantId, 3);
    const clock = new RecordingClock(Date.now());
    const graph = clientFor(tenant, clock);
    emu.addFault({ batchItem: true, status: 429, retryAfterSec: 30 });
    await assert.rejects(
      graph.batch([{ method: 'GET', url: '/organization' }], { deadlineAt: clock.now() + 5000 }),
      { code: 'GSOC_HTTP_DEADLINE_EXCEEDED' },
    );
    assert.deepEqual(clock.sleeps, []);
    await graph.close();
  });

  test('on 401 the client refreshes the token once and succeeds', async () => {
    const tenant = freshTenant(emu);
    const graph = clientFor(tenant);
    await graph.ping();
    emu.clearRequests();
    emu.addFault({ path: '/v1.0/organization', expiredToken: true, times: 1 });
    await graph.ping();
    assert.equal(tokenPosts().length, 1, 'one forced refresh');
    assert.deepEqual(
      graphCalls().map((r) => r.status),
      [401, 200],
    );
    await graph.close();
  });

  test('a persistent 401 fails after exactly one refresh with the Graph error kept', async () => {
    const tenant = freshTenant(emu);
    const graph = clientFor(tenant);
    emu.addFault({ path: '/v1.0/organization', expiredToken: true });
    await assert.rejects(graph.ping(), (e: unknown) => {
      assert.ok(e instanceof GraphError);
      assert.equal(e.code, 'GSOC_GRAPH_AUTH_REJECTED');
      assert.equal(e.status, 401);
      assert.equal(e.remoteCode, 'InvalidAuthenticationToken');
      assert.ok(e.requestId);
      return true;
    });
    assert.equal(graphCalls().length, 2);
    assert.equal(tokenPosts().length, 2);
    await graph.close();
  });

  test('a 404 keeps the Graph code, message, request-id and date', async () => {
    const tenant = freshTenant(emu);
    const graph = clientFor(tenant);
    await assert.rejects(graph.get('/users/00000000-0000-0000-0000-000000000000', user), (e: unknown) => {
      assert.ok(e instanceof GraphError);
      assert.equal(e.code, 'GSOC_GRAPH_NOT_FOUND');
      assert.equal(e.status, 404);
      assert.equal(e.remoteCode, 'Request_ResourceNotFound');
      assert.ok(e.remoteMessage);
      assert.ok(e.requestId);
      assert.ok(e.date);
      return true;
    });
    await graph.close();
  });
});
