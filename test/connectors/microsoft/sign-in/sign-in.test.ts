// The sign-in connector against the Entra emulator over HTTPS: a whole sign-in, and each check that
// must refuse one (nonce, lifetime, audience, tenant, algorithm, key set host, unknown key), the
// AADSTS error replies, a code used twice, and the roles from app roles and groups.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import {
  errors,
  noRoleError,
  rolesOf,
  SignInRefusedError,
} from '../../../../src/connectors/microsoft/sign-in/index.js';
import type { TestEmulator } from '../../../emulators/helpers.js';
import {
  ALICE,
  authorizeAs,
  b64url,
  CLIENT,
  clientFor,
  type ForgeKey,
  forgeKey,
  REDIRECT,
  SOC_GROUP,
  signIdToken,
  startEmulator,
  TENANT,
  tamperingHttp,
} from './helpers.js';

const isToken = (m: string, u: URL) => m === 'POST' && u.pathname.endsWith('/oauth2/v2.0/token');
const isKeys = (u: URL) => u.pathname.endsWith('/discovery/v2.0/keys');

function refusedWith(code: string, check?: string) {
  return (e: unknown) => {
    assert.ok(e instanceof SignInRefusedError, `expected a SignInRefusedError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (check !== undefined) assert.equal(e.fields.check, check);
    return true;
  };
}

describe('Entra sign-in connector (against the emulator)', () => {
  let t: TestEmulator;
  let shiftMs = 0;
  let key: ForgeKey;
  before(async () => {
    t = await startEmulator({ signInNow: () => Date.now() + shiftMs });
    key = await forgeKey();
  });
  after(() => t.close());

  /** A client whose token answer carries an ID token re-signed with our key after `edit`. */
  function forgingClient(
    edit: (claims: Record<string, unknown>) => Record<string, unknown>,
    sign: (claims: Record<string, unknown>) => Promise<string> = (c) => signIdToken(key, c),
  ) {
    const http = tamperingHttp(t, async (method, url, body) => {
      const b = body as Record<string, unknown> & { keys?: unknown[]; id_token?: string };
      if (isKeys(url)) return { ...b, keys: [...(b.keys ?? []), key.jwk] };
      if (isToken(method, url) && typeof b.id_token === 'string')
        return { ...b, id_token: await sign(edit(decodeJwt(b.id_token) as Record<string, unknown>)) };
      return b;
    });
    return clientFor(t, { http });
  }

  async function signInWith(client: ReturnType<typeof clientFor>, hint = ALICE.upn) {
    const a = await authorizeAs(client, t.agent, hint);
    assert.ok('code' in a.reply, `no code: ${JSON.stringify(a.query)}`);
    return {
      a,
      complete: (nonce = a.flow.nonce) =>
        client.complete((a.reply as { code: string }).code, { codeVerifier: a.flow.codeVerifier, nonce }),
    };
  }

  test('signs a person in: the authorize URL asks for code + PKCE S256, and the verified token names them', async () => {
    const client = clientFor(t);
    const { a, complete } = await signInWith(client);
    const q = a.url.searchParams;
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('response_mode'), 'query');
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.equal(q.get('scope'), 'openid profile email');
    assert.equal(q.get('state'), a.flow.state);
    assert.equal(q.get('nonce'), a.flow.nonce);
    assert.notEqual(q.get('code_challenge'), a.flow.codeVerifier);
    assert.equal(a.back.searchParams.get('state'), a.flow.state);
    const person = await complete();
    assert.equal(person.objectId, ALICE.id);
    assert.equal(person.tenantId, TENANT);
    assert.equal(person.name, 'Alice Analyst');
    assert.equal(person.userName, ALICE.upn);
    assert.deepEqual(person.appRoles.sort(), ['Console.Admin', 'Console.Reader']);
    assert.deepEqual(person.groups, [SOC_GROUP]);
    assert.equal(person.groupsOverage, false);
    await client.close();
  });

  test('redeems the code with a certificate assertion when the tenant has a certificate', async () => {
    const { makeClientCertificate } = await import('../helpers.js');
    for (const keyOnly of [false, true]) {
      const cert = makeClientCertificate(keyOnly);
      const clientId = keyOnly
        ? 'c0000000-0000-4000-8000-0000000000c2'
        : 'c0000000-0000-4000-8000-0000000000c1';
      t.em.registerApp({
        tenantId: TENANT,
        clientId,
        certificates: [cert.certPem],
        redirectUris: [REDIRECT],
      });
      const client = clientFor(t, {
        tenant: {
          clientId,
          clientSecret: undefined,
          certificatePath: cert.pemPath,
          certificateThumbprint: cert.sha1,
        },
      });
      const { complete } = await signInWith(client);
      assert.equal((await complete()).objectId, ALICE.id);
      await client.close();
    }
  });

  test('maps app roles and group ids to console roles, in rank order and without repeats', async () => {
    const person = { appRoles: ['Console.Reader', 'Other'], groups: [SOC_GROUP.toUpperCase()] };
    assert.deepEqual(rolesOf(person, { appRoles: { 'Console.Reader': 'viewer' }, groups: {} }), ['viewer']);
    assert.deepEqual(rolesOf(person, { appRoles: {}, groups: { [SOC_GROUP]: 'analyst' } }), ['analyst']);
    assert.deepEqual(
      rolesOf(person, { appRoles: { 'Console.Reader': 'admin' }, groups: { [SOC_GROUP]: 'viewer' } }),
      ['viewer', 'admin'],
    );
    assert.deepEqual(rolesOf(person, { appRoles: { toString: 'admin' } as never, groups: {} }), []);
    assert.deepEqual(rolesOf({ appRoles: ['constructor'], groups: [] }, { appRoles: {}, groups: {} }), []);
  });

  test('refuses an ID token whose nonce is not the flow’s', async () => {
    const { complete } = await signInWith(clientFor(t));
    await assert.rejects(complete('another-nonce'), refusedWith(errors.ID_TOKEN_INVALID.code, 'nonce'));
  });

  test('refuses an ID token that has expired (issued two hours ago by the emulator’s clock)', async () => {
    shiftMs = -2 * 3600_000;
    try {
      const { complete } = await signInWith(clientFor(t));
      await assert.rejects(complete(), refusedWith(errors.ID_TOKEN_INVALID.code, 'exp'));
    } finally {
      shiftMs = 0;
    }
  });

  test('a correctly signed token passes the forging client (the control for the cases below)', async () => {
    const { complete } = await signInWith(forgingClient((c) => c));
    assert.equal((await complete()).objectId, ALICE.id);
  });

  test('refuses an ID token for another audience', async () => {
    const { complete } = await signInWith(
      forgingClient((c) => ({ ...c, aud: '00000000-0000-4000-8000-0000000000aa' })),
    );
    await assert.rejects(complete(), refusedWith(errors.ID_TOKEN_INVALID.code, 'aud'));
  });

  test('refuses an ID token of another tenant, by its issuer and by its tid', async () => {
    const other = '99999999-0000-4000-8000-000000000099';
    const byIss = await signInWith(
      forgingClient((c) => ({ ...c, tid: other, iss: String(c.iss).replace(TENANT, other) })),
    );
    await assert.rejects(byIss.complete(), refusedWith(errors.ID_TOKEN_INVALID.code, 'iss'));
    const byTid = await signInWith(forgingClient((c) => ({ ...c, tid: other })));
    await assert.rejects(byTid.complete(), refusedWith(errors.ID_TOKEN_INVALID.code, 'tid'));
  });

  test('refuses alg none and HS256 (signed with the public key as the secret) before any key is used', async () => {
    const none = async (c: Record<string, unknown>) => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(c)}.`;
    const n1 = await signInWith(forgingClient((c) => c, none));
    await assert.rejects(n1.complete(), refusedWith(errors.ID_TOKEN_INVALID.code, 'alg'));
    const { SignJWT } = await import('jose');
    const hs = (c: Record<string, unknown>) =>
      new SignJWT(c)
        .setProtectedHeader({ alg: 'HS256', kid: key.kid })
        .sign(new TextEncoder().encode(JSON.stringify(key.jwk)));
    const n2 = await signInWith(forgingClient((c) => c, hs));
    await assert.rejects(n2.complete(), refusedWith(errors.ID_TOKEN_INVALID.code, 'alg'));
  });

  test('refuses a token signed with a key the tenant does not publish', async () => {
    const stranger = await forgeKey();
    const http = tamperingHttp(t, async (method, url, body) => {
      const b = body as { id_token?: string };
      if (isToken(method, url) && b.id_token)
        return { ...b, id_token: await signIdToken(stranger, decodeJwt(b.id_token)) };
      return b;
    });
    const { complete } = await signInWith(clientFor(t, { http }));
    await assert.rejects(complete(), refusedWith(errors.ID_TOKEN_INVALID.code, 'kid'));
  });

  test('refuses metadata that puts the key set (or the token endpoint) on another host', async () => {
    for (const field of ['jwks_uri', 'token_endpoint']) {
      const http = tamperingHttp(t, (_m, url, body) =>
        url.pathname.endsWith('/openid-configuration')
          ? { ...(body as object), [field]: 'https://keys.attacker.example/keys' }
          : body,
      );
      const client = clientFor(t, { http });
      await assert.rejects(
        client.authorizeUrl({ state: 's', nonce: 'n', codeVerifier: 'v'.repeat(43) }),
        refusedWith(errors.UNTRUSTED_METADATA.code),
      );
    }
  });

  test('Entra’s error reply on the redirect becomes a typed error with its AADSTS code', async () => {
    const client = clientFor(t);
    const url = await client.authorizeUrl({
      state: 'st',
      nonce: 'n',
      codeVerifier: 'v'.repeat(43),
      prompt: 'none',
    });
    const { request } = await import('undici');
    const res = await request(url, { dispatcher: t.agent });
    await res.body.text();
    const back = new URL(String(res.headers.location));
    const { readRedirect } = await import('../../../../src/connectors/microsoft/sign-in/index.js');
    const reply = readRedirect(Object.fromEntries(back.searchParams));
    assert.ok('error' in reply);
    assert.equal(reply.error.code, errors.INTERACTION_REQUIRED.code);
    assert.equal(reply.error.fields.aadsts, 'AADSTS50058');
    assert.equal(reply.state, 'st');
    const declined = readRedirect({
      error: 'access_denied',
      error_description: 'AADSTS65004: User declined.',
      state: 'x',
    });
    assert.ok('error' in declined && declined.error.code === errors.DECLINED.code);
    const other = readRedirect({
      error: 'invalid_request',
      error_description: 'AADSTS50011: reply URL',
      error_codes: '50011',
    });
    assert.ok(
      'error' in other &&
        other.error.code === errors.ENTRA_REFUSED.code &&
        other.error.fields.aadsts === 'AADSTS50011',
    );
    const repeated = readRedirect({ code: ['a', 'b'], state: 's' });
    assert.ok('error' in repeated);
  });

  test('a code redeemed twice is refused the second time with AADSTS54005', async () => {
    const { complete } = await signInWith(clientFor(t));
    await complete();
    await assert.rejects(complete(), (e: unknown) => {
      assert.ok(e instanceof SignInRefusedError);
      assert.equal(e.code, errors.CODE_REJECTED.code);
      assert.equal(e.fields.aadsts, 'AADSTS54005');
      return true;
    });
  });

  test('a groups overage is reported, not followed, and the no-role error points at app roles', async () => {
    const { complete } = await signInWith(
      forgingClient((c) => {
        const { groups: _g, ...rest } = c;
        return {
          ...rest,
          _claim_names: { groups: 'src1' },
          _claim_sources: { src1: { endpoint: 'https://graph.example/x' } },
        };
      }),
    );
    const person = await complete();
    assert.equal(person.groupsOverage, true);
    assert.deepEqual(person.groups, []);
    const e = noRoleError(person);
    assert.equal(e.code, errors.NO_ROLE.code);
    assert.equal(e.httpStatus, 403);
    assert.match(e.message, /app role/);
    assert.equal(CLIENT.length, 36);
  });
});
