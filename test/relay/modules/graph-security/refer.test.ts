// /refer/observables over real HTTP: alert and incident links from one hunting query and one $batch,
// computed portal and hunting links for every type, and the computed links kept when Graph fails.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { referItemSchema } from '../../../../src/relay/protocol/refer.js';
import { HASH_A } from '../../../emulators/graph-security-fixtures.js';
import { type GraphSecurityHarness, startGraphSecurityRelay } from './harness.js';

const items = (data: unknown) => referItemSchema.array().parse(data);

describe('Graph Security refer', () => {
  let h: GraphSecurityHarness;
  before(async () => {
    h = await startGraphSecurityRelay({ referAlertLinks: 5 });
  });
  after(() => h.close());

  test('alerts and their incident first, then the page and hunt for each observable', async () => {
    h.emulators.entraGraph.clearRequests();
    const res = await h.post('/refer/observables', [{ type: 'sha256', value: HASH_A }]);
    assert.equal(res.errors, undefined);
    const ids = items(res.data).map((i) => i.id);
    assert.deepEqual(ids, [
      'ref-graph-security-alert-da001',
      'ref-graph-security-incident-101',
      `ref-graph-security-page-sha256-${HASH_A}`,
      `ref-graph-security-hunt-sha256-${HASH_A}`,
    ]);
    const alert = items(res.data)[0];
    assert.equal(
      alert?.url,
      `https://security.microsoft.com/alerts/da001?tid=${h.tenantId}`,
      "Graph's alertWebUrl",
    );
    const calls = h.emulators.entraGraph
      .requests()
      .filter((r) => r.host === 'graph' && !r.batched)
      .map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(calls, ['POST /v1.0/security/runHuntingQuery', 'POST /v1.0/$batch']);
  });

  test('an upstream failure leaves the computed links and a warning', async () => {
    h.emulators.entraGraph.addFault({ path: '/v1.0/security/runHuntingQuery', status: 500, times: 10 });
    try {
      const res = await h.post('/refer/observables', [{ type: 'ip', value: '203.0.113.9' }]);
      assert.deepEqual(
        items(res.data).map((i) => i.id),
        ['ref-graph-security-page-ip-203.0.113.9', 'ref-graph-security-hunt-ip-203.0.113.9'],
      );
      assert.equal(res.errors?.length, 1);
      assert.equal(res.errors?.[0]?.type, 'warning');
      assert.match(res.errors?.[0]?.message ?? '', /^Alert links are missing/);
    } finally {
      h.emulators.entraGraph.clearFaults();
    }
  });
});

describe('Graph Security refer without alert links', () => {
  let h: GraphSecurityHarness;
  before(async () => {
    h = await startGraphSecurityRelay({ referAlertLinks: 0 });
  });
  after(() => h.close());

  test('no upstream call at all', async () => {
    h.emulators.entraGraph.clearRequests();
    const res = await h.post('/refer/observables', [
      { type: 'domain', value: 'evil.example' },
      { type: 'email', value: 'bob@contoso.com' },
    ]);
    assert.equal(items(res.data).length, 3);
    assert.deepEqual(
      h.emulators.entraGraph.requests().filter((r) => r.host === 'graph'),
      [],
    );
  });
});
