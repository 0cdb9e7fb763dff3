// Behaviour of the emulated Entra ID user sign-in: authorization code with PKCE, the ID token checked
// against the JWKS, roles and groups claims, sessions and prompt=none, refresh tokens, and msal-node.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  CLIENT,
  http,
  postForm,
  SECRET,
  TENANT,
  type TestEmulator,
  tokenUrl,
  UndiciNetworkClient,
} from './helpers.js';
import {
  ALICE,
  authorizeUrl,
  codeParams,
  NEWS_GROUP,
  pkce,
  REDIRECT,
  redeem,
  SOC_GROUP,
  signIn,
  startSignInEmulator,
  verifyWithJwks,
} from './entra-sign-in-helpers.js';

describe('Entra ID emulator sign-in', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startSignInEmulator();
  });
  after(async () => t.close());
  beforeEach(() => {
    t.em.endSignInSessions();
    t.em.setSignIn({ autoApproveLoginHint: false });
  });

  test('signs a user in and answers an ID token that verifies against the JWKS', async () => {
    const { verifier, challenge } = pkce();
    const { page, answer, location, cookie } = await signIn(t, codeParams(challenge), ALICE.upn);
    assert.match(page.headers['content-type'] ?? '', /text\/html/);
    assert.match(page.text, /Alice Analyst/);
    assert.equal(answer.status, 302);
    assert.ok(location);
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
    assert.equal(location.searchParams.get('state'), 'st-123');
    const code = location.searchParams.get('code') ?? '';
    assert.ok(code.length > 20);
    assert.match(cookie ?? '', /^ESTSAUTH=/);
    assert.match(answer.headers['set-cookie'] ?? '', /HttpOnly/);

    const res = await redeem(t, code, verifier);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.token_type, 'Bearer');
    assert.ok(res.body.access_token && res.body.refresh_token && res.body.id_token);
    assert.match(res.body.scope, /openid/);
    assert.equal(typeof res.body.expires_in, 'number');

    const config = await http(t.agent, `${t.em.loginUrl}/${TENANT}/v2.0/.well-known/openid-configuration`);
    assert.equal(config.body.authorization_endpoint, `${t.em.loginUrl}/${TENANT}/oauth2/v2.0/authorize`);
    assert.ok(config.body.response_types_supported.includes('code'));
    assert.ok(config.body.id_token_signing_alg_values_supported.includes('RS256'));
    const jwks = await http(t.agent, config.body.jwks_uri);
    const { header, payload } = verifyWithJwks(res.body.id_token, jwks.body);
    assert.equal(header.typ, 'JWT');
    assert.equal(payload.iss, config.body.issuer);
    assert.equal(payload.iss, `${t.em.loginUrl}/${TENANT}/v2.0`);
    assert.equal(payload.aud, CLIENT);
    assert.equal(payload.tid, TENANT);
    assert.equal(payload.oid, ALICE.id);
    assert.equal(payload.nonce, 'n-456');
    assert.equal(payload.name, 'Alice Analyst');
    assert.equal(payload.preferred_username, ALICE.upn);
    assert.equal(payload.email, ALICE.upn);
    assert.equal(payload.ver, '2.0');
    assert.equal(typeof payload.sub, 'string');
    assert.notEqual(payload.sub, ALICE.id);
    const now = Math.floor(Date.now() / 1000);
    assert.ok((payload.nbf as number) <= now + 5 && (payload.exp as number) > now);
    assert.ok((payload.iat as number) <= (payload.exp as number));
    assert.deepEqual(payload.roles, ['Console.Admin', 'Console.Reader']);
    assert.deepEqual(payload.groups, [SOC_GROUP], 'only security groups for SecurityGroup');
    assert.ok(!(payload.groups as string[]).includes(NEWS_GROUP));
    assert.equal(payload._claim_names, undefined);

    const access = verifyWithJwks(res.body.access_token, jwks.body).payload;
    assert.equal(access.aud, 'https://graph.microsoft.com');
    assert.equal(access.scp, 'User.Read');
    assert.equal(access.upn, ALICE.upn);
    assert.equal(access.appid, CLIENT);
  });

  test('leaves out claims whose scope was not asked for', async () => {
    const { verifier, challenge } = pkce();
    const { location } = await signIn(
      t,
      codeParams(challenge, { scope: 'openid', nonce: undefined }),
      ALICE.upn,
    );
    const res = await redeem(t, location?.searchParams.get('code') ?? '', verifier);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.refresh_token, undefined);
    const jwks = await http(t.agent, `${t.em.loginUrl}/${TENANT}/discovery/v2.0/keys`);
    const { payload } = verifyWithJwks(res.body.id_token, jwks.body);
    for (const claim of ['email', 'name', 'preferred_username', 'nonce'])
      assert.equal(payload[claim], undefined, claim);
    assert.equal(payload.oid, ALICE.id);
  });

  test('answers no ID token without openid', async () => {
    const { verifier, challenge } = pkce();
    const { location } = await signIn(t, codeParams(challenge, { scope: 'User.Read' }), ALICE.upn);
    const res = await redeem(t, location?.searchParams.get('code') ?? '', verifier);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.id_token, undefined);
    assert.equal(res.body.scope, 'User.Read');
  });

  test('sends the answer as a self-posting form for response_mode=form_post', async () => {
    const { challenge } = pkce();
    const { answer } = await signIn(t, codeParams(challenge, { response_mode: 'form_post' }), ALICE.upn);
    assert.equal(answer.status, 200);
    assert.match(answer.text, new RegExp(`action="${REDIRECT}"`));
    assert.match(answer.text, /name="code" value="[^"]+"/);
    assert.match(answer.text, /name="state" value="st-123"/);
  });

  test('signs in again without the page while the session lasts, and prompt=none uses it', async () => {
    const { challenge } = pkce();
    const { cookie } = await signIn(t, codeParams(challenge), ALICE.upn);
    assert.ok(cookie);
    for (const prompt of [undefined, 'none']) {
      const res = await http(t.agent, authorizeUrl(t, codeParams(challenge, { prompt })), {
        headers: { cookie },
      });
      assert.equal(res.status, 302, `prompt=${prompt}`);
      assert.ok(new URL(res.headers.location ?? '').searchParams.get('code'));
    }
    const forced = await http(t.agent, authorizeUrl(t, codeParams(challenge, { prompt: 'login' })), {
      headers: { cookie },
    });
    assert.equal(forced.status, 200, 'prompt=login shows the page');
    const other = await http(
      t.agent,
      authorizeUrl(t, codeParams(challenge, { prompt: 'none', login_hint: 'someone@else' })),
      {
        headers: { cookie },
      },
    );
    assert.equal(new URL(other.headers.location ?? '').searchParams.get('error'), 'login_required');

    assert.equal(t.em.endSignInSessions(TENANT), 1);
    const ended = await http(t.agent, authorizeUrl(t, codeParams(challenge, { prompt: 'none' })), {
      headers: { cookie },
    });
    const loc = new URL(ended.headers.location ?? '');
    assert.equal(loc.searchParams.get('error'), 'login_required');
    assert.match(loc.searchParams.get('error_description') ?? '', /^AADSTS50058:/);
    assert.equal(loc.searchParams.get('state'), 'st-123');
  });

  test('ends sessions through the control API and the logout endpoint', async () => {
    const { challenge } = pkce();
    const first = await signIn(t, codeParams(challenge), ALICE.upn);
    const ended = await http(t.agent, `${t.em.loginUrl}/_emulator/sign-in/sessions`, { method: 'DELETE' });
    assert.deepEqual(ended.body, { ended: 1 });
    const second = await signIn(t, codeParams(challenge), ALICE.upn);
    const out = await http(
      t.agent,
      `${t.em.loginUrl}/${TENANT}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(REDIRECT)}&state=bye`,
      { headers: { cookie: second.cookie ?? '' } },
    );
    assert.equal(out.status, 302);
    assert.equal(new URL(out.headers.location ?? '').searchParams.get('state'), 'bye');
    const none = await http(t.agent, authorizeUrl(t, codeParams(challenge, { prompt: 'none' })), {
      headers: { cookie: second.cookie ?? '' },
    });
    assert.equal(new URL(none.headers.location ?? '').searchParams.get('error'), 'login_required');
    assert.notEqual(first.cookie, second.cookie);
    const elsewhere = await http(
      t.agent,
      `${t.em.loginUrl}/${TENANT}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`,
    );
    assert.equal(elsewhere.status, 200, 'an unregistered post-logout URI is not followed');
  });

  test('signs the login_hint user in without the page when auto-approve is on', async () => {
    const { verifier, challenge } = pkce();
    const off = await http(t.agent, authorizeUrl(t, codeParams(challenge, { login_hint: ALICE.upn })));
    assert.equal(off.status, 200);
    const control = await http(t.agent, `${t.em.loginUrl}/_emulator/sign-in`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ autoApproveLoginHint: true }),
    });
    assert.equal(control.status, 204);
    const on = await http(t.agent, authorizeUrl(t, codeParams(challenge, { login_hint: ALICE.upn })));
    assert.equal(on.status, 302);
    const res = await redeem(t, new URL(on.headers.location ?? '').searchParams.get('code') ?? '', verifier);
    assert.equal(res.status, 200, res.text);
  });

  test('refreshes with the refresh token once, rotating it', async () => {
    const { verifier, challenge } = pkce();
    const { location } = await signIn(t, codeParams(challenge), ALICE.upn);
    const first = await redeem(t, location?.searchParams.get('code') ?? '', verifier);
    const form = {
      grant_type: 'refresh_token',
      client_id: CLIENT,
      client_secret: SECRET,
      refresh_token: first.body.refresh_token,
    };
    const second = await postForm(t.agent, tokenUrl(t.em), form);
    assert.equal(second.status, 200, second.text);
    assert.ok(second.body.id_token);
    assert.notEqual(second.body.refresh_token, first.body.refresh_token);
    const again = await postForm(t.agent, tokenUrl(t.em), form);
    assert.equal(again.status, 400);
    assert.equal(again.body.error, 'invalid_grant');
  });

  test('msal-node signs in with getAuthCodeUrl and acquireTokenByCode', async () => {
    const msal = new ConfidentialClientApplication({
      auth: {
        clientId: CLIENT,
        clientSecret: SECRET,
        authority: `${t.em.loginUrl}/${TENANT}`,
        knownAuthorities: [new URL(t.em.loginUrl).host],
      },
      system: { networkClient: new UndiciNetworkClient(t.agent) },
    });
    const { verifier, challenge } = pkce();
    const scopes = ['openid', 'profile', 'email', 'offline_access'];
    const url = await msal.getAuthCodeUrl({
      scopes,
      redirectUri: REDIRECT,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state: 'msal-state',
      nonce: 'msal-nonce',
    });
    const page = await http(t.agent, url);
    assert.equal(page.status, 200, page.text.slice(0, 300));
    const flowToken = /name="flowToken" value="([^"]*)"/.exec(page.text)?.[1] ?? '';
    const answer = await postForm(t.agent, `${t.em.loginUrl}/${TENANT}/login`, {
      flowToken,
      account: ALICE.upn,
    });
    const code = new URL(answer.headers.location ?? '').searchParams.get('code') ?? '';
    // The confidential client takes the expected nonce from the request, the state from the payload.
    const result = await msal.acquireTokenByCode(
      {
        code,
        scopes,
        redirectUri: REDIRECT,
        codeVerifier: verifier,
        nonce: 'msal-nonce',
        state: 'msal-state',
      },
      { code, state: 'msal-state' },
    );
    assert.equal(result.account?.username, ALICE.upn);
    const claims = result.idTokenClaims as { nonce?: string; roles?: string[] };
    assert.equal(claims.nonce, 'msal-nonce');
    assert.deepEqual(claims.roles, ['Console.Admin', 'Console.Reader']);
    assert.ok(result.idToken);
  });

  test('puts the overage form in place of more than 200 groups', async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({
      tenantId: TENANT,
      displayName: `Group ${i}`,
      mailNickname: `g${i}`,
      members: [ALICE.id],
    }));
    t.em.seedGroups(many);
    t.em.registerApp({
      tenantId: TENANT,
      clientId: 'a1b2c3d4-0000-4000-8000-0000000000a7',
      secrets: [SECRET],
      redirectUris: [REDIRECT],
      groupMembershipClaims: 'All',
    });
    const { verifier, challenge } = pkce();
    const { location } = await signIn(
      t,
      codeParams(challenge, { client_id: 'a1b2c3d4-0000-4000-8000-0000000000a7' }),
      ALICE.upn,
    );
    const res = await redeem(t, location?.searchParams.get('code') ?? '', verifier, {
      client_id: 'a1b2c3d4-0000-4000-8000-0000000000a7',
    });
    assert.equal(res.status, 200, res.text);
    const jwks = await http(t.agent, `${t.em.loginUrl}/${TENANT}/discovery/v2.0/keys`);
    const { payload } = verifyWithJwks(res.body.id_token, jwks.body);
    assert.equal(payload.groups, undefined);
    assert.equal(payload.roles, undefined, 'roles belong to the app they were assigned on');
    assert.deepEqual(payload._claim_names, { groups: 'src1' });
    const sources = payload._claim_sources as { src1: { endpoint: string } };
    assert.equal(sources.src1.endpoint, `${t.em.graphUrl}/v1.0/users/${ALICE.id}/getMemberObjects`);
  });
});
