import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, afterEach, before, describe, test } from 'node:test';
import type { EntraGraphEmulator } from '../../../../emulators/microsoft/index.js';
import {
  createTokenProvider,
  forgetCachedApplications,
  IdentityRejectedError,
  pingCredentials,
  scopeFor,
} from '../../../../src/connectors/microsoft/identity/index.js';
import { tenantSchema } from '../../../../src/platform/config/tenant.js';
import {
  CLIENT_ID,
  GRAPH_ROLES,
  GRAPH_SCOPE,
  makeClientCertificate,
  SECRET,
  startEmulator,
  TENANT_ID,
  tenantFor,
} from '../helpers.js';

const scopes = { graph: GRAPH_SCOPE };

describe('identity token provider (against the Entra emulator)', () => {
  let emu: EntraGraphEmulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  afterEach(async () => {
    emu.clearRequests();
    await forgetCachedApplications();
  });

  const tokenPosts = () =>
    emu.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/oauth2/v2.0/token'));

  test('gets a token with a client secret without contacting any other authority', async () => {
    const provider = createTokenProvider(tenantFor(emu), { scopes });
    const token = await provider.getToken('graph');
    assert.equal(token.split('.').length, 3);
    const paths = emu.requests().map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(paths, [
      `GET /${TENANT_ID}/v2.0/.well-known/openid-configuration`,
      `POST /${TENANT_ID}/oauth2/v2.0/token`,
    ]);
  });

  test('serves many calls from one token request (cache and single flight)', async () => {
    const provider = createTokenProvider(tenantFor(emu), { scopes });
    const first = await Promise.all(Array.from({ length: 10 }, () => provider.getToken('graph')));
    for (let i = 0; i < 10; i++) await provider.getToken('graph');
    const other = createTokenProvider(tenantFor(emu), { scopes });
    await other.getToken('graph');
    assert.equal(new Set(first).size, 1);
    assert.equal(tokenPosts().length, 1);
  });

  test('forceRefresh asks once for a new token, even for a burst of callers', async () => {
    const provider = createTokenProvider(tenantFor(emu), { scopes });
    await provider.getToken('graph');
    await Promise.all(Array.from({ length: 5 }, () => provider.getToken('graph', { forceRefresh: true })));
    await provider.getToken('graph', { forceRefresh: true });
    assert.equal(tokenPosts().length, 2);
  });

  test('gets a token with a certificate PEM holding key and certificate (x5t#S256 + x5c)', async () => {
    const cert = makeClientCertificate();
    emu.registerApp({
      tenantId: TENANT_ID,
      clientId: 'c0000000-0000-0000-0000-00000000000c',
      certificates: [cert.certPem],
      roles: { graph: GRAPH_ROLES },
    });
    const tenant = tenantFor(emu, {
      clientId: 'c0000000-0000-0000-0000-00000000000c',
      certificatePath: cert.pemPath,
      certificateThumbprint: cert.sha1,
    });
    const provider = createTokenProvider(tenant, { scopes });
    assert.equal((await provider.getToken('graph')).split('.').length, 3);
    const check = await pingCredentials(provider);
    assert.equal(check.credential, 'certificate');
  });

  test('gets a token with a key-only PEM and the configured SHA-1 thumbprint', async () => {
    const cert = makeClientCertificate(true);
    emu.registerApp({
      tenantId: TENANT_ID,
      clientId: 'c0000000-0000-0000-0000-00000000000d',
      certificates: [cert.certPem],
      roles: { graph: GRAPH_ROLES },
    });
    const tenant = tenantFor(emu, {
      clientId: 'c0000000-0000-0000-0000-00000000000d',
      certificatePath: cert.pemPath,
      certificateThumbprint: cert.sha1,
    });
    assert.equal((await createTokenProvider(tenant, { scopes }).getToken('graph')).split('.').length, 3);
  });

  test('refuses a certificate whose thumbprint differs from the configured one', () => {
    const cert = makeClientCertificate();
    const tenant = tenantFor(emu, { certificatePath: cert.pemPath, certificateThumbprint: 'AB'.repeat(20) });
    assert.throws(() => createTokenProvider(tenant), { code: 'GSOC_IDENTITY_CERTIFICATE_INVALID' });
  });

  test('a wrong secret fails with AADSTS7000215 and never shows the secret', async () => {
    const wrong = 'definitely-wrong-secret-9876543210';
    const tenant = tenantSchema.parse({ ...tenantFor(emu), clientSecret: wrong });
    const provider = createTokenProvider(tenant, { scopes });
    const err = await provider.getToken('graph').then(
      () => assert.fail('expected a rejection'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof IdentityRejectedError);
    assert.equal(err.code, 'GSOC_IDENTITY_CREDENTIALS_REJECTED');
    assert.equal(err.aadsts, 'AADSTS7000215');
    assert.match(err.message, /AADSTS7000215/);
    for (const text of [err.message, JSON.stringify(err), inspect(err, { depth: 10 })]) {
      assert.ok(!text.includes(wrong), 'the secret leaked');
      assert.ok(!text.includes(SECRET));
    }
    assert.equal(tokenPosts().length, 1, 'a refused credential is not retried');
  });

  test('an unreachable authority fails with the host in the message', async () => {
    const tenant = tenantSchema.parse({ ...tenantFor(emu), authorityHost: 'https://127.0.0.1:1' });
    const provider = createTokenProvider(tenant, { scopes, retry: { maxRetries: 0 } });
    await assert.rejects(provider.getToken('graph'), (e: unknown) => {
      assert.equal((e as { code?: string }).code, 'GSOC_IDENTITY_METADATA_FAILED');
      assert.match((e as Error).message, /127\.0\.0\.1:1/);
      return true;
    });
  });

  test('scopes follow the tenant URLs; Defender uses the securitycenter audience', () => {
    const t = tenantSchema.parse({ name: 'x', tenantId: 't', clientId: 'c', clientSecret: 'secret' });
    assert.equal(scopeFor(t, 'graph'), 'https://graph.microsoft.com/.default');
    assert.equal(scopeFor(t, 'management'), 'https://management.azure.com/.default');
    assert.equal(scopeFor(t, 'defender'), 'https://api.securitycenter.microsoft.com/.default');
    assert.equal(CLIENT_ID.length, 36);
  });
});
