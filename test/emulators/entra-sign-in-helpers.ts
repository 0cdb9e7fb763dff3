// Shared setup for the Entra sign-in tests: a tenant with users, groups, an app with redirect URIs and
// app roles, PKCE pairs, the authorize -> sign-in page -> code round trip without a browser, and an RS256
// check of a JWT against the emulator's JWKS written with node:crypto.
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import type { EntraGraphEmulatorOptions } from '../../emulators/microsoft/index.js';
import {
  CLIENT,
  http,
  type JsonResponse,
  postForm,
  SECRET,
  startTestEmulator,
  TENANT,
  type TestEmulator,
  tokenUrl,
} from './helpers.js';

export const REDIRECT = 'https://console.example/auth/callback';
export const LOOPBACK = 'http://localhost/callback';
export const ALICE = { id: '0a11ce00-0000-4000-8000-000000000001', upn: 'alice@contoso.onmicrosoft.com' };
export const BOB = { id: '0b0b0000-0000-4000-8000-000000000002', upn: 'bob@contoso.onmicrosoft.com' };
export const SOC_GROUP = '50c00000-0000-4000-8000-0000000000a1';
export const NEWS_GROUP = '2e550000-0000-4000-8000-0000000000a2';
export const ADMIN_ROLE = 'ad000000-0000-4000-8000-0000000000b1';
export const READER_ROLE = 'ead00000-0000-4000-8000-0000000000b2';

export async function startSignInEmulator(opts: EntraGraphEmulatorOptions = {}): Promise<TestEmulator> {
  const t = await startTestEmulator(opts);
  t.em.seedUsers([
    {
      tenantId: TENANT,
      id: ALICE.id,
      userPrincipalName: ALICE.upn,
      displayName: 'Alice Analyst',
      mail: ALICE.upn,
    },
    {
      tenantId: TENANT,
      id: BOB.id,
      userPrincipalName: BOB.upn,
      displayName: 'Bob Gone',
      accountEnabled: false,
    },
  ]);
  t.em.seedGroups([
    {
      tenantId: TENANT,
      id: SOC_GROUP,
      displayName: 'SOC Analysts',
      mailNickname: 'soc',
      securityEnabled: true,
      members: [ALICE.id],
    },
    {
      tenantId: TENANT,
      id: NEWS_GROUP,
      displayName: 'Newsletter',
      mailNickname: 'news',
      securityEnabled: false,
      members: [ALICE.upn],
    },
  ]);
  t.em.registerApp({
    tenantId: TENANT,
    clientId: CLIENT,
    displayName: 'graphsoc console',
    secrets: [SECRET],
    redirectUris: [REDIRECT, LOOPBACK],
    appRoles: [
      { id: ADMIN_ROLE, value: 'Console.Admin', displayName: 'Admin' },
      { id: READER_ROLE, value: 'Console.Reader', displayName: 'Reader' },
    ],
    groupMembershipClaims: 'SecurityGroup',
  });
  t.em.assignAppRole({ tenantId: TENANT, clientId: CLIENT, principal: ALICE.upn, value: 'Console.Admin' });
  t.em.assignAppRole({ tenantId: TENANT, clientId: CLIENT, principal: SOC_GROUP, appRoleId: READER_ROLE });
  return t;
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(
  t: TestEmulator,
  params: Record<string, string | undefined>,
  tenant = TENANT,
): string {
  const url = new URL(`${t.em.loginUrl}/${tenant}/oauth2/v2.0/authorize`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** A standard authorize query: code flow, PKCE S256, openid profile email offline_access. */
export function codeParams(challenge: string, extra: Record<string, string | undefined> = {}) {
  return {
    client_id: CLIENT,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'openid profile email offline_access',
    state: 'st-123',
    nonce: 'n-456',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  };
}

export function flowTokenOf(html: string): string {
  const m = /name="flowToken" value="([^"]*)"/.exec(html);
  if (!m?.[1]) throw new Error('no sign-in form on the page');
  return m[1];
}

export function cookieOf(res: JsonResponse): string | undefined {
  const c = res.headers['set-cookie'];
  return c ? c.split(';')[0] : undefined;
}

/** Opens the sign-in page and submits it as `user`: the redirect answer and the session cookie. */
export async function signIn(
  t: TestEmulator,
  params: Record<string, string | undefined>,
  user: string,
  action: 'signin' | 'cancel' = 'signin',
): Promise<{
  page: JsonResponse;
  answer: JsonResponse;
  location: URL | undefined;
  cookie: string | undefined;
}> {
  const page = await http(t.agent, authorizeUrl(t, params));
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${page.text.slice(0, 200)}`);
  const answer = await postForm(t.agent, `${t.em.loginUrl}/${TENANT}/login`, {
    flowToken: flowTokenOf(page.text),
    username: user,
    action,
  });
  const loc = answer.headers.location;
  return { page, answer, location: loc ? new URL(loc) : undefined, cookie: cookieOf(answer) };
}

export function redeem(
  t: TestEmulator,
  code: string,
  verifier: string | undefined,
  extra: Record<string, string> = {},
) {
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    client_id: CLIENT,
    client_secret: SECRET,
    code,
    redirect_uri: REDIRECT,
    ...extra,
  };
  if (verifier !== undefined) form.code_verifier = verifier;
  return postForm(t.agent, tokenUrl(t.em), form);
}

/** Verifies an RS256 JWT against a JWKS by kid with node:crypto; returns header and payload. */
export function verifyWithJwks(
  token: string,
  jwks: { keys: Array<Record<string, unknown>> },
): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) throw new Error('not a JWS compact token');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (header.alg !== 'RS256') throw new Error(`unexpected alg ${String(header.alg)}`);
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error(`no key ${String(header.kid)} in the JWKS`);
  const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n as string, e: jwk.e as string }, format: 'jwk' });
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) {
    throw new Error('signature does not verify');
  }
  return {
    header,
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}
