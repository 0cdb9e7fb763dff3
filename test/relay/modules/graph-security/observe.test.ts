// The Graph Security module over real HTTP against the emulators: health, observe on both backends,
// limits, escaping, throttling and permission errors; every answer is valid CTIM.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ctimBundleSchema } from '../../../../src/relay/ctim/index.js';
import { HASH_A, HASH_OLD, TRICKY_NAME, TRICKY_URL } from '../../../emulators/graph-security-fixtures.js';
import { type GraphSecurityHarness, startGraphSecurityRelay } from './harness.js';

type Sightings = {
  sightings?: {
    count: number;
    docs: Array<{ external_ids: string[]; observables: Array<{ type: string; value: string }> }>;
  };
};

describe('Graph Security module, modern backend', () => {
  let h: GraphSecurityHarness;
  before(async () => {
    h = await startGraphSecurityRelay();
  });
  after(() => h.close());

  const graphCalls = () => h.emulators.entraGraph.requests().filter((r) => r.host === 'graph' && !r.batched);

  test("/health reads alerts_v2 with the token's credentials", async () => {
    assert.deepEqual(await h.post('/health', {}), { data: { status: 'ok' } });
  });

  test('observe: one hunting query and one $batch answer every observable; sightings are valid CTIM', async () => {
    h.emulators.entraGraph.clearRequests();
    const res = await h.post('/observe/observables', [
      { type: 'sha256', value: HASH_A },
      { type: 'ip', value: '203.0.113.9' },
      { type: 'user', value: 'carol@contoso.com' },
      { type: 'sha256', value: HASH_OLD },
      { type: 'mutex', value: 'Global\\x' },
    ]);
    const data = ctimBundleSchema.parse(res.data) as Sightings;
    const ids = data.sightings?.docs.map((d) => d.external_ids[0]).sort();
    assert.deepEqual(ids, ['da001', 'da002', 'da003'], 'the 40-day-old alert is outside the 30-day window');
    const first = data.sightings?.docs.find((d) => d.external_ids[0] === 'da001');
    assert.deepEqual(first?.observables, [{ type: 'sha256', value: HASH_A }]);
    assert.deepEqual(
      res.errors?.map((e) => e.code),
      ['unsupported type'],
    );
    const calls = graphCalls().map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(calls, ['POST /v1.0/security/runHuntingQuery', 'POST /v1.0/$batch']);
  });

  test("Server-Timing splits the answer time into upstream waits and the relay's own share", async () => {
    const res = await fetch(`${h.url}/relay/graph-security/observe/observables`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await h.token()}` },
      body: JSON.stringify([{ type: 'sha256', value: HASH_A }]),
    });
    const m = /^upstream;dur=(\d+\.\d\d), app;dur=(\d+\.\d\d)$/.exec(res.headers.get('server-timing') ?? '');
    assert.ok(m, String(res.headers.get('server-timing')));
    assert.ok(Number(m[1]) > 0, 'two upstream calls were waited for');
    assert.ok(Number(m[2]) >= 0);
    await res.arrayBuffer();
  });

  test('values that need KQL escaping are found, not injected', async () => {
    const res = await h.post('/observe/observables', [
      { type: 'url', value: TRICKY_URL },
      { type: 'file_name', value: TRICKY_NAME },
    ]);
    const ids = ((res.data as Sightings).sightings?.docs ?? []).map((d) => d.external_ids[0]).sort();
    assert.deepEqual(ids, ['da001', 'da002']);
  });

  test('CTR_ENTITIES_LIMIT cuts the answer and says so with a warning', async () => {
    const t = await h.token({ CTR_ENTITIES_LIMIT: '1' });
    const res = await h.post(
      '/observe/observables',
      [
        { type: 'ip', value: '203.0.113.9' },
        { type: 'sha256', value: HASH_A },
      ],
      t,
    );
    assert.equal((res.data as Sightings).sightings?.count, 1);
    assert.deepEqual(
      res.errors?.map((e) => [e.code, e.type]),
      [['results truncated', 'warning']],
    );
  });

  test('deliberate turns malicious evidence into judgements and verdicts', async () => {
    const res = await h.post('/deliberate/observables', [{ type: 'sha256', value: HASH_A }]);
    const data = ctimBundleSchema.parse(res.data);
    assert.equal(data.verdicts?.docs[0]?.disposition_name, 'Malicious');
    assert.equal(data.judgements?.count, 1);
  });

  test('a throttled hunting query waits for Retry-After and then answers', async () => {
    h.emulators.entraGraph.addFault({
      path: '/v1.0/security/runHuntingQuery',
      status: 429,
      retryAfterSec: 1,
      times: 1,
    });
    const res = await h.post('/observe/observables', [{ type: 'sha256', value: HASH_A }]);
    assert.equal((res.data as Sightings).sightings?.count, 1);
    assert.equal(res.errors, undefined);
  });

  test("later relay requests reuse the app's cached token", () => {
    // The log was cleared after /health, the first call, which fetched the token.
    const tokens = h.emulators.entraGraph.requests().filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
    assert.equal(tokens.length, 0);
  });

  test('a wrong client secret answers an authorization error with the AADSTS code and no secret', async () => {
    const res = await h.post('/health', {}, await h.token({ client_secret: 'not-the-secret-123' }));
    assert.equal(res.errors?.[0]?.code, 'authorization error');
    assert.match(res.errors?.[0]?.message ?? '', /AADSTS7000215/);
    assert.ok(!JSON.stringify(res).includes('not-the-secret-123'));
    assert.ok(!h.log.text.includes('not-the-secret-123'));
  });

  for (const tenant of [randomUUID(), 'nosuch.example.com']) {
    test(`an unknown tenant_id (${tenant.includes('.') ? 'a domain' : 'a GUID'}) answers invalid argument with Entra's AADSTS90002`, async () => {
      const res = await h.post('/health', {}, await h.token({ tenant_id: tenant }));
      assert.equal(res.data, undefined);
      assert.deepEqual(
        res.errors?.map((e) => [e.code, e.type]),
        [['invalid argument', 'fatal']],
      );
      const message = res.errors?.[0]?.message ?? '';
      assert.match(message, /tenant_id/);
      assert.match(message, new RegExp(`AADSTS90002: Tenant '${tenant.replace(/\./g, '\\.')}' not found`));
      assert.ok(!message.includes(h.app.secret));
    });
  }
});

describe('Graph Security module, legacy backend', () => {
  let h: GraphSecurityHarness;
  before(async () => {
    h = await startGraphSecurityRelay({ backend: 'legacy' });
  });
  after(() => h.close());

  test('finds a file name with a quote, an ampersand and a hash sign (the seed broke on each)', async () => {
    const res = await h.post('/observe/observables', [
      { type: 'file_name', value: TRICKY_NAME },
      { type: 'sha256', value: HASH_A },
    ]);
    const data = ctimBundleSchema.parse(res.data) as Sightings;
    assert.deepEqual(
      data.sightings?.docs.map((d) => d.external_ids[0]),
      ['L1'],
      'one alert, found through two observables',
    );
    assert.equal(data.sightings?.docs[0]?.observables.length, 2);
  });
  test("one failed observable leaves the others' results, with the failure as a warning", async () => {
    h.emulators.entraGraph.addFault({ path: '/v1.0/security/alerts', status: 500, times: 1 });
    const res = await h.post('/observe/observables', [
      { type: 'file_name', value: TRICKY_NAME },
      { type: 'sha256', value: HASH_A },
    ]);
    const data = ctimBundleSchema.parse(res.data) as Sightings;
    assert.deepEqual(
      data.sightings?.docs.map((d) => d.observables.length),
      [1],
    );
    assert.deepEqual(
      res.errors?.map((e) => [e.code, e.type]),
      [['unknown', 'warning']],
    );
    assert.match(res.errors?.[0]?.message ?? '', /^Some observables could not be searched: /);
  });
});

describe('Graph Security module without the hunting permission', () => {
  let h: GraphSecurityHarness;
  before(async () => {
    h = await startGraphSecurityRelay({}, { roles: ['SecurityAlert.Read.All'] });
  });
  after(() => h.close());

  test("observe answers permission denied with Graph's message", async () => {
    const res = await h.post('/observe/observables', [{ type: 'sha256', value: HASH_A }]);
    assert.equal(res.data, undefined);
    assert.equal(res.errors?.[0]?.code, 'permission denied');
    assert.match(res.errors?.[0]?.message ?? '', /Authorization_RequestDenied|Forbidden|Insufficient/i);
  });
});
