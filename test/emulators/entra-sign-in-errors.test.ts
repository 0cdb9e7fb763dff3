// Failures of the emulated Entra ID sign-in: errors shown on the page (never redirected), errors sent
// to the redirect URI with the state, the code grant's refusals (PKCE, reuse, expiry, redirect URI),
// and hostile inputs (huge state, markup in login_hint and state, oversized bodies).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CLIENT, http, postForm, SECRET, TENANT, type TestEmulator, tokenUrl } from './helpers.js';
import {
  ALICE,
  authorizeUrl,
  BOB,
  codeParams,
  flowTokenOf,
  LOOPBACK,
  pkce,
  REDIRECT,
  redeem,
  signIn,
  startSignInEmulator,
} from './entra-sign-in-helpers.js';

/** The error a redirect carries, or undefined when the answer did not redirect. */
function redirectedError(res: { status: number; headers: Record<string, string> }) {
  if (res.status !== 302) return undefined;
  const loc = new URL(res.headers.location ?? '');
  return {
    url: loc,
    error: loc.searchParams.get('error'),
    description: loc.searchParams.get('error_description') ?? '',
    state: loc.searchParams.get('state'),
  };
}

describe('Entra ID emulator sign-in errors', () => {
  let t: TestEmulator;
  let nowMs = Date.now();
  before(async () => {
    t = await startSignInEmulator({ signInNow: () => nowMs });
  });
  after(async () => t.close());
  const { verifier, challenge } = pkce();

  test('shows unknown apps, tenants and redirect URIs on the page instead of redirecting', async () => {
    const cases: Array<[Record<string, string | undefined>, string, string?]> = [
      [{ client_id: 'a1b2c3d4-0000-4000-8000-00000000dead' }, 'AADSTS700016'],
      [{ client_id: 'not-a-guid' }, 'AADSTS700016'],
      [{ client_id: undefined }, 'AADSTS900144'],
      [{ redirect_uri: 'https://evil.example/auth/callback' }, 'AADSTS50011'],
      [{ redirect_uri: `${REDIRECT}/` }, 'AADSTS50011'],
      [{ redirect_uri: 'http://127.0.0.1:8080/callback' }, 'AADSTS50011'],
      [{}, 'AADSTS90002', 'unknown.example'],
    ];
    for (const [extra, code, tenant] of cases) {
      const res = await http(t.agent, authorizeUrl(t, codeParams(challenge, extra), tenant));
      assert.equal(res.status, 200, code);
      assert.equal(res.headers.location, undefined, `${code} must not redirect`);
      assert.match(res.text, new RegExp(`data-code="${code}"`), code);
      assert.doesNotMatch(res.text, /name="flowToken"/);
    }
  });

  test('accepts a loopback redirect URI on any port', async () => {
    const res = await http(
      t.agent,
      authorizeUrl(
        t,
        codeParams(challenge, { redirect_uri: LOOPBACK.replace('localhost', 'localhost:49152') }),
      ),
    );
    assert.equal(res.status, 200);
    assert.match(res.text, /name="flowToken"/);
  });

  test('redirects request errors to the client with the state', async () => {
    const cases: Array<[Record<string, string | undefined>, string, string]> = [
      [{ response_type: 'token' }, 'unsupported_response_type', 'AADSTS70005'],
      [{ response_type: 'code id_token' }, 'unsupported_response_type', 'AADSTS70005'],
      [{ response_type: undefined }, 'invalid_request', 'AADSTS900144'],
      [{ scope: 'openid https://unknown.example/Read' }, 'invalid_scope', 'AADSTS70011'],
      [
        { scope: 'https://graph.microsoft.com/User.Read https://management.azure.com/user_impersonation' },
        'invalid_scope',
        'AADSTS70011',
      ],
      [{ scope: 'openid <b>' }, 'invalid_scope', 'AADSTS70011'],
      [{ scope: undefined }, 'invalid_request', 'AADSTS900144'],
      [{ code_challenge: 'short' }, 'invalid_request', 'AADSTS501491'],
      [{ code_challenge_method: 'S512' }, 'invalid_request', 'AADSTS90100'],
      [{ response_mode: 'web_message' }, 'invalid_request', 'AADSTS90100'],
      [{ prompt: 'bogus' }, 'invalid_request', 'AADSTS90023'],
      [{ prompt: 'none' }, 'login_required', 'AADSTS50058'],
    ];
    for (const [extra, error, code] of cases) {
      const got = redirectedError(await http(t.agent, authorizeUrl(t, codeParams(challenge, extra))));
      assert.ok(got, `${code} redirects`);
      assert.equal(`${got.url.origin}${got.url.pathname}`, REDIRECT);
      assert.equal(got.error, error, code);
      assert.ok(got.description.startsWith(`${code}:`), `${code}: ${got.description}`);
      assert.match(got.description, /Trace ID: .* Correlation ID: .* Timestamp: /);
      assert.equal(got.state, 'st-123');
      assert.equal(got.url.searchParams.get('code'), null);
    }
  });

  test('refuses a parameter given twice', async () => {
    const url = `${authorizeUrl(t, codeParams(challenge))}&state=second`;
    const res = await http(t.agent, url);
    assert.equal(res.status, 200);
    assert.match(res.text, /data-code="AADSTS90100"/);
  });

  test('answers access_denied when the user cancels', async () => {
    const { location } = await signIn(t, codeParams(challenge), ALICE.upn, 'cancel');
    assert.equal(location?.searchParams.get('error'), 'access_denied');
    assert.match(location?.searchParams.get('error_description') ?? '', /^AADSTS65004:/);
    assert.equal(location?.searchParams.get('state'), 'st-123');
  });

  test('keeps the page open for an unknown or disabled user, and refuses an unknown form', async () => {
    for (const [user, code] of [
      ['nobody@contoso.onmicrosoft.com', 'AADSTS50034'],
      [BOB.upn, 'AADSTS50057'],
    ]) {
      const { answer } = await signIn(t, codeParams(challenge), user ?? '');
      assert.equal(answer.status, 200);
      assert.ok(answer.text.includes(code ?? ''), `${code}`);
      assert.match(answer.text, /name="flowToken"/);
    }
    const stale = await postForm(t.agent, `${t.em.loginUrl}/${TENANT}/login`, {
      flowToken: 'f.unknown',
      username: ALICE.upn,
    });
    assert.equal(stale.status, 200);
    assert.equal(stale.headers.location, undefined);
    assert.match(stale.text, /data-code="AADSTS50196"/);
  });

  test('refuses a verifier that does not match the challenge, or none', async () => {
    for (const v of ['x'.repeat(43), undefined, challenge]) {
      const { location } = await signIn(t, codeParams(challenge), ALICE.upn);
      const res = await redeem(t, location?.searchParams.get('code') ?? '', v);
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_grant');
      assert.deepEqual(res.body.error_codes, [501481]);
    }
  });

  test('accepts a plain challenge, and a code without PKCE', async () => {
    const plain = 'p'.repeat(50);
    const a = await signIn(t, codeParams(plain, { code_challenge_method: 'plain' }), ALICE.upn);
    assert.equal((await redeem(t, a.location?.searchParams.get('code') ?? '', plain)).status, 200);
    const b = await signIn(
      t,
      codeParams(challenge, { code_challenge: undefined, code_challenge_method: undefined }),
      ALICE.upn,
    );
    assert.equal((await redeem(t, b.location?.searchParams.get('code') ?? '', undefined)).status, 200);
  });

  test('redeems a code once', async () => {
    const { location } = await signIn(t, codeParams(challenge), ALICE.upn);
    const code = location?.searchParams.get('code') ?? '';
    assert.equal((await redeem(t, code, verifier)).status, 200);
    const again = await redeem(t, code, verifier);
    assert.equal(again.status, 400);
    assert.deepEqual(again.body.error_codes, [54005]);
  });

  test('refuses a code after ten minutes', async () => {
    const { location } = await signIn(t, codeParams(challenge), ALICE.upn);
    nowMs += 10 * 60 * 1000 + 1000;
    const res = await redeem(t, location?.searchParams.get('code') ?? '', verifier);
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_grant');
    assert.deepEqual(res.body.error_codes, [70008]);
  });

  test('refuses a code with another redirect URI, client or credential', async () => {
    t.em.registerApp({
      tenantId: TENANT,
      clientId: 'a1b2c3d4-0000-4000-8000-0000000000b8',
      secrets: [SECRET],
      redirectUris: [REDIRECT],
    });
    const cases: Array<[Record<string, string>, number, number]> = [
      [{ redirect_uri: 'https://console.example/other' }, 400, 50011],
      [{ client_id: 'a1b2c3d4-0000-4000-8000-0000000000b8' }, 400, 70000],
      [{ client_secret: 'wrong' }, 401, 7000215],
      [{ code: 'not-a-code' }, 400, 9002313],
      [{ code: '' }, 400, 900144],
    ];
    for (const [extra, status, code] of cases) {
      const { location } = await signIn(t, codeParams(challenge), ALICE.upn);
      const res = await redeem(t, location?.searchParams.get('code') ?? '', verifier, extra);
      assert.equal(res.status, status, `${code}: ${res.text}`);
      assert.deepEqual(res.body.error_codes, [code]);
    }
  });

  test('escapes markup in login_hint and state, and carries a large state intact', async () => {
    const hint = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const page = await http(t.agent, authorizeUrl(t, codeParams(challenge, { login_hint: hint })));
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes('<script>alert(1)'));
    assert.ok(!page.text.includes('<img src=x'));
    assert.ok(page.text.includes('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));

    const state = `${'&#="<>'.repeat(10)}${'s'.repeat(8000)}`;
    const { location } = await signIn(t, codeParams(challenge, { state }), ALICE.upn);
    assert.equal(location?.searchParams.get('state'), state);
    const posted = await signIn(t, codeParams(challenge, { state, response_mode: 'form_post' }), ALICE.upn);
    assert.ok(!posted.answer.text.includes('="<>'));
    assert.ok(posted.answer.text.includes('&amp;#=&quot;&lt;&gt;'));

    const errorPage = await http(
      t.agent,
      authorizeUrl(t, codeParams(challenge, { redirect_uri: 'https://x.example/<script>' })),
    );
    assert.ok(!errorPage.text.includes('<script>'));
  });

  test('refuses a 1 MB query or sign-in body without harm', async () => {
    const huge = await http(
      t.agent,
      authorizeUrl(t, codeParams(challenge, { state: 's'.repeat(1024 * 1024) })),
    );
    assert.ok(huge.status >= 400, `status ${huge.status}`);
    const body = await postForm(t.agent, `${t.em.loginUrl}/${TENANT}/login`, {
      flowToken: 'f.x',
      username: 'u'.repeat(1024 * 1024),
    });
    assert.equal(body.status, 400);
    const page = await http(t.agent, authorizeUrl(t, codeParams(challenge)));
    assert.equal(page.status, 200, 'the listener still answers');
    assert.ok(flowTokenOf(page.text));
  });

  test('does not redeem a code at the token endpoint of another grant', async () => {
    const res = await postForm(t.agent, tokenUrl(t.em), {
      grant_type: 'password',
      client_id: CLIENT,
      client_secret: SECRET,
      username: ALICE.upn,
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'unsupported_grant_type');
  });
});
