// Behaviour of the emulated Entra ID token endpoint and metadata, through msal-node and plain HTTPS.
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createLocalJWKSet, decodeJwt, jwtVerify, SignJWT } from 'jose';
import forge from 'node-forge';
import {
  CLIENT,
  GRAPH_SCOPE,
  http,
  postForm,
  SECRET,
  startTestEmulator,
  TENANT,
  TENANT_DOMAIN,
  type TestEmulator,
  tokenUrl,
  UndiciNetworkClient,
} from './helpers.js';

const CERT_CLIENT = 'c0ffee00-0000-4000-8000-0000000000ce';

/** A key and self-signed certificate made with node-forge, as an operator would upload to the app registration. */
function makeClientCertificate(): { certPem: string; keyPem: string } {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const attrs = [{ name: 'commonName', value: 'graphsoc test client' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

function sha256Thumbprint(certPem: string): string {
  return createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex');
}

describe('Entra ID emulator token endpoint', () => {
  let t: TestEmulator;
  let cert: { certPem: string; keyPem: string };
  let authorityHost: string;

  before(async () => {
    t = await startTestEmulator();
    cert = makeClientCertificate();
    t.em.registerApp({
      tenantId: TENANT,
      clientId: CERT_CLIENT,
      certificates: [cert.certPem],
      roles: { graph: ['User.Read.All'] },
    });
    authorityHost = new URL(t.em.loginUrl).host;
  });
  after(async () => t.close());

  const msalApp = (auth: Record<string, unknown>) =>
    new ConfidentialClientApplication({
      auth: {
        clientId: CLIENT,
        authority: `${t.em.loginUrl}/${TENANT}`,
        knownAuthorities: [authorityHost],
        ...auth,
      },
      system: { networkClient: new UndiciNetworkClient(t.agent) },
    });

  test('msal-node gets a Graph token with a client secret', async () => {
    const result = await msalApp({ clientSecret: SECRET }).acquireTokenByClientCredential({
      scopes: [GRAPH_SCOPE],
    });
    assert.ok(result?.accessToken);
    const claims = decodeJwt(result.accessToken);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.equal(claims.iss, `https://sts.windows.net/${TENANT}/`);
    assert.equal(claims.tid, TENANT);
    assert.equal(claims.appid, CLIENT);
    assert.equal(claims.azp, CLIENT);
    assert.equal(claims.idtyp, 'app');
    assert.equal(claims.ver, '1.0');
    assert.deepEqual(claims.roles, ['User.ReadWrite.All', 'Organization.Read.All']);
  });

  test('msal-node surfaces AADSTS7000215 for a wrong secret', async () => {
    await assert.rejects(
      msalApp({ clientSecret: 'wrong' }).acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] }),
      (error: Error & { errorCode?: string }) => {
        assert.equal(error.errorCode, 'invalid_client');
        assert.match(error.message, /AADSTS7000215/);
        return true;
      },
    );
  });

  test('msal-node gets a token with a certificate (PS256, x5t#S256)', async () => {
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: CERT_CLIENT,
        authority: `${t.em.loginUrl}/${TENANT}`,
        knownAuthorities: [authorityHost],
        clientCertificate: { thumbprintSha256: sha256Thumbprint(cert.certPem), privateKey: cert.keyPem },
      },
      system: { networkClient: new UndiciNetworkClient(t.agent) },
    });
    const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
    const claims = decodeJwt(result?.accessToken ?? '');
    assert.equal(claims.appid, CERT_CLIENT);
    assert.equal(claims.appidacr, '2');
  });

  test('msal-node works with authorityMetadata and cloudDiscoveryMetadata and makes only the token request', async () => {
    const { body: oidc } = await http(
      t.agent,
      `${t.em.loginUrl}/${TENANT}/v2.0/.well-known/openid-configuration`,
    );
    const { body: discovery } = await http(
      t.agent,
      `${t.em.loginUrl}/common/discovery/instance?api-version=1.1&authorization_endpoint=${t.em.loginUrl}/${TENANT}/oauth2/v2.0/authorize`,
    );
    t.em.clearRequests();
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: CLIENT,
        clientSecret: SECRET,
        authority: `${t.em.loginUrl}/${TENANT}`,
        authorityMetadata: JSON.stringify(oidc),
        cloudDiscoveryMetadata: JSON.stringify(discovery),
      },
      system: { networkClient: new UndiciNetworkClient(t.agent) },
    });
    const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
    assert.ok(result?.accessToken);
    assert.deepEqual(
      t.em.requests().map((r) => `${r.method} ${r.path} ${r.status}`),
      [`POST /${TENANT}/oauth2/v2.0/token 200`],
    );
  });

  test('an RS256 assertion with x5t (older msal) is accepted', async () => {
    const x5t = createHash('sha1').update(new X509Certificate(cert.certPem).raw).digest('base64url');
    const assertion = await assertionFor({ alg: 'RS256', x5t });
    const res = await postForm(t.agent, tokenUrl(t.em), certForm(assertion));
    assert.equal(res.status, 200, res.text);
  });

  test('an expired client assertion is rejected with AADSTS700024', async () => {
    const assertion = await assertionFor({ expSec: -3600 });
    const res = await postForm(t.agent, tokenUrl(t.em), certForm(assertion));
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'invalid_client');
    assert.deepEqual(res.body.error_codes, [700024]);
  });

  test('an assertion within the five-minute clock skew is accepted', async () => {
    const assertion = await assertionFor({ expSec: -120 });
    const res = await postForm(t.agent, tokenUrl(t.em), certForm(assertion));
    assert.equal(res.status, 200, res.text);
  });

  test('an assertion signed by another key is rejected with AADSTS700027', async () => {
    const other = makeClientCertificate();
    const assertion = await assertionFor({ keyPem: other.keyPem });
    const res = await postForm(t.agent, tokenUrl(t.em), certForm(assertion));
    assert.equal(res.status, 401);
    assert.deepEqual(res.body.error_codes, [700027]);
  });

  test('an assertion for another token endpoint is rejected', async () => {
    const assertion = await assertionFor({ aud: 'https://login.microsoftonline.com/x/oauth2/v2.0/token' });
    const res = await postForm(t.agent, tokenUrl(t.em), certForm(assertion));
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_request');
  });

  test('an unknown tenant answers AADSTS90002 with the documented error body', async () => {
    const res = await postForm(t.agent, tokenUrl(t.em, randomUUID()), secretForm());
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_request');
    assert.deepEqual(res.body.error_codes, [90002]);
    assert.match(
      res.body.error_description,
      /^AADSTS90002: Tenant '.*' not found\..* Trace ID: [0-9a-f-]{36} Correlation ID: [0-9a-f-]{36} Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
    );
    for (const key of ['timestamp', 'trace_id', 'correlation_id', 'error_uri'])
      assert.equal(typeof res.body[key], 'string', key);
  });

  test('the tenant may be named by its domain', async () => {
    const res = await postForm(t.agent, tokenUrl(t.em, TENANT_DOMAIN), secretForm());
    assert.equal(res.status, 200, res.text);
  });

  test('an unknown app answers AADSTS700016 unauthorized_client', async () => {
    const res = await postForm(t.agent, tokenUrl(t.em), { ...secretForm(), client_id: randomUUID() });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'unauthorized_client');
    assert.deepEqual(res.body.error_codes, [700016]);
  });

  test('a missing grant_type answers AADSTS900144 invalid_request', async () => {
    const { grant_type: _omit, ...form } = secretForm();
    const res = await postForm(t.agent, tokenUrl(t.em), form);
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_request');
    assert.deepEqual(res.body.error_codes, [900144]);
  });

  test('an unsupported grant type answers AADSTS70003', async () => {
    const res = await postForm(t.agent, tokenUrl(t.em), { ...secretForm(), grant_type: 'password' });
    assert.equal(res.body.error, 'unsupported_grant_type');
    assert.deepEqual(res.body.error_codes, [70003]);
  });

  test('a scope without /.default answers AADSTS1002012 invalid_scope', async () => {
    const res = await postForm(t.agent, tokenUrl(t.em), {
      ...secretForm(),
      scope: 'https://graph.microsoft.com/User.Read',
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_scope');
    assert.deepEqual(res.body.error_codes, [1002012]);
  });

  test('two resources in one scope answer AADSTS70011 invalid_scope', async () => {
    const res = await postForm(t.agent, tokenUrl(t.em), {
      ...secretForm(),
      scope: `${GRAPH_SCOPE} https://management.azure.com/.default`,
    });
    assert.deepEqual(res.body.error_codes, [70011]);
  });

  test('tokens for Defender and Azure management carry that resource and its roles', async () => {
    t.em.registerApp({
      tenantId: TENANT,
      clientId: CLIENT,
      secrets: [SECRET],
      roles: { defender: ['Ti.ReadWrite.All'] },
    });
    const res = await postForm(t.agent, tokenUrl(t.em), {
      ...secretForm(),
      scope: 'https://api.securitycenter.microsoft.com/.default',
    });
    const claims = decodeJwt(res.body.access_token);
    assert.equal(claims.aud, 'https://api.securitycenter.microsoft.com');
    assert.deepEqual(claims.roles, ['Ti.ReadWrite.All']);
    const mgmt = await postForm(t.agent, tokenUrl(t.em), {
      ...secretForm(),
      scope: 'https://management.core.windows.net//.default',
    });
    assert.equal(decodeJwt(mgmt.body.access_token).aud, 'https://management.core.windows.net');
    t.em.registerApp({
      tenantId: TENANT,
      clientId: CLIENT,
      secrets: [SECRET],
      roles: { graph: ['User.ReadWrite.All', 'Organization.Read.All'] },
    });
  });

  test('malformed token requests answer invalid_request, never a 500', async () => {
    const url = tokenUrl(t.em);
    const json = await http(t.agent, url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(secretForm()),
    });
    const garbage = await postForm(t.agent, url, {
      ...secretFormWithoutSecret(),
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: 'not.a.jwt',
    });
    const huge = await postForm(t.agent, url, { ...secretForm(), pad: 'x'.repeat(200_000) });
    const empty = await http(t.agent, url, { method: 'POST' });
    const badUrl = await http(t.agent, `${t.em.loginUrl}/%E0%A4%A/oauth2/v2.0/token`, { method: 'POST' });
    for (const res of [json, garbage, huge, empty, badUrl]) {
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.error, 'invalid_request', res.text);
      assert.match(res.body.error_description, /^AADSTS\d+: /);
    }
  });

  test('the OpenID configuration, instance discovery and JWKS describe the emulator and verify its tokens', async () => {
    const oidc = await http(
      t.agent,
      `${t.em.loginUrl}/${TENANT_DOMAIN}/v2.0/.well-known/openid-configuration`,
    );
    assert.equal(oidc.body.token_endpoint, `${t.em.loginUrl}/${TENANT}/oauth2/v2.0/token`);
    assert.equal(oidc.body.issuer, `${t.em.loginUrl}/${TENANT}/v2.0`);
    const common = await http(t.agent, `${t.em.loginUrl}/common/v2.0/.well-known/openid-configuration`);
    assert.equal(common.body.issuer, `${t.em.loginUrl}/{tenantid}/v2.0`);
    const discovery = await http(
      t.agent,
      `${t.em.loginUrl}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${t.em.loginUrl}/${TENANT}/oauth2/v2.0/authorize`)}`,
    );
    assert.equal(discovery.body['api-version'], '1.1');
    assert.ok(discovery.body.metadata[0].aliases.includes(authorityHost));
    assert.equal(discovery.body.metadata[0].preferred_network, authorityHost);
    const jwks = await http(t.agent, oidc.body.jwks_uri);
    const key = jwks.body.keys[0];
    assert.equal(key.kid, key.x5t);
    const token = (await postForm(t.agent, tokenUrl(t.em), secretForm())).body.access_token;
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks.body), {
      audience: 'https://graph.microsoft.com',
    });
    assert.equal(payload.tid, TENANT);
  });

  function secretForm(): Record<string, string> {
    return { grant_type: 'client_credentials', client_id: CLIENT, client_secret: SECRET, scope: GRAPH_SCOPE };
  }
  function secretFormWithoutSecret(): Record<string, string> {
    return { grant_type: 'client_credentials', client_id: CERT_CLIENT, scope: GRAPH_SCOPE };
  }
  function certForm(assertion: string): Record<string, string> {
    return {
      ...secretFormWithoutSecret(),
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    };
  }
  async function assertionFor(o: {
    alg?: 'RS256' | 'PS256';
    x5t?: string;
    expSec?: number;
    keyPem?: string;
    aud?: string;
  }) {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (o.expSec ?? 600);
    const header =
      o.x5t !== undefined
        ? { alg: o.alg ?? 'RS256', typ: 'JWT', x5t: o.x5t }
        : {
            alg: o.alg ?? 'PS256',
            typ: 'JWT',
            'x5t#S256': Buffer.from(sha256Thumbprint(cert.certPem), 'hex').toString('base64url'),
          };
    return new SignJWT({ jti: randomUUID() })
      .setProtectedHeader(header)
      .setIssuer(CERT_CLIENT)
      .setSubject(CERT_CLIENT)
      .setAudience(o.aud ?? tokenUrl(t.em))
      .setIssuedAt(exp - 600)
      .setNotBefore(exp - 600)
      .setExpirationTime(exp)
      .sign(createPrivateKey(o.keyPem ?? cert.keyPem));
  }
});
