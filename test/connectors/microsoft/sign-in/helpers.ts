// Shared setup of the sign-in connector tests: the Entra emulator with the console app, a tenant
// entry for it, the browser's trip to authorize and back without a browser, and an HTTP client that
// lets a test tamper with Entra's answers (metadata, keys, the token answer).
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { exportJWK, SignJWT } from 'jose';
import { Agent, request } from 'undici';
import type { z } from 'zod';
import type { EntraGraphEmulatorOptions } from '../../../../emulators/microsoft/index.js';
import {
  createSignInClient,
  newFlowSecrets,
  readRedirect,
  type SignInClient,
} from '../../../../src/connectors/microsoft/sign-in/index.js';
import { type TenantConfig, tenantSchema } from '../../../../src/platform/config/tenant.js';
import {
  createConnectorClient,
  type CallOptions,
  type HttpClient,
  type HttpResponse,
} from '../../../../src/platform/http/index.js';
import { REDIRECT, startSignInEmulator } from '../../../emulators/entra-sign-in-helpers.js';
import { CLIENT, SECRET, TENANT, type TestEmulator } from '../../../emulators/helpers.js';

export {
  ALICE,
  ADMIN_ROLE,
  BOB,
  READER_ROLE,
  REDIRECT,
  SOC_GROUP,
} from '../../../emulators/entra-sign-in-helpers.js';
export { CLIENT, TENANT };

export async function startEmulator(opts: EntraGraphEmulatorOptions = {}): Promise<TestEmulator> {
  const t = await startSignInEmulator(opts);
  t.em.setSignIn({ autoApproveLoginHint: true });
  return t;
}

export function tenantOf(t: TestEmulator, over: Partial<TenantConfig> = {}): TenantConfig {
  return tenantSchema.parse({
    name: 'contoso',
    tenantId: TENANT,
    clientId: CLIENT,
    clientSecret: SECRET,
    authorityHost: t.em.loginUrl,
    caFile: t.em.caPath,
    ...over,
  });
}

/** Rewrites an answer: gets the request's method and URL and the parsed JSON body, returns a new body. */
export type Tamper = (method: string, url: URL, body: unknown) => unknown;

/** An HttpClient over the emulator whose JSON answers pass through `tamper` first. */
export function tamperingHttp(t: TestEmulator, tamper: Tamper): HttpClient {
  const inner = createConnectorClient({ service: 'entra-sign-in-test' }, { caPem: t.em.caPem });
  const request = async (call: CallOptions): Promise<HttpResponse> => {
    const res = await inner.request(call);
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body.toString('utf8'));
    } catch {
      return res;
    }
    const body = Buffer.from(
      JSON.stringify(await tamper(call.method ?? 'GET', new URL(String(call.url)), parsed)),
    );
    return { ...res, body };
  };
  return {
    service: inner.service,
    clock: inner.clock,
    request,
    async json<S extends z.ZodType>(call: CallOptions, schema: S) {
      const res = await request(call);
      return schema.parse(JSON.parse(res.body.toString('utf8'))) as z.output<S>;
    },
    errorFor: (res, method) => inner.errorFor(res, method),
    close: () => inner.close(),
  };
}

export function clientFor(
  t: TestEmulator,
  o: { tenant?: Partial<TenantConfig>; http?: HttpClient; clientId?: string } = {},
): SignInClient {
  return createSignInClient(
    { tenant: tenantOf(t, o.tenant), redirectUri: REDIRECT, ...(o.clientId ? { clientId: o.clientId } : {}) },
    o.http ? { http: o.http } : { caPem: t.em.caPem },
  );
}

/**
 * The browser's part: opens the authorize URL (the emulator signs the login_hint user in at once)
 * and reads the redirect back. Returns the redirect's query and the flow's secrets.
 */
export async function authorizeAs(client: SignInClient, agent: Agent, loginHint: string) {
  const flow = newFlowSecrets();
  const url = await client.authorizeUrl({ ...flow, loginHint });
  const res = await request(url, { dispatcher: agent, method: 'GET' });
  await res.body.text();
  const location = res.headers.location;
  if (typeof location !== 'string')
    throw new Error(`authorize answered ${res.statusCode} without a redirect`);
  const back = new URL(location);
  const query = Object.fromEntries(back.searchParams);
  return { flow, url: new URL(url), back, query, reply: readRedirect(query) };
}

/** A key of our own, added to the tenant's key set by a tampering client, to sign ID tokens at will. */
export interface ForgeKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

export async function forgeKey(): Promise<ForgeKey> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'forged-kid', use: 'sig' };
  return { kid: 'forged-kid', privateKey, jwk };
}

export async function signIdToken(
  key: ForgeKey,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, ...header })
    .sign(key.privateKey);
}

export const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
export { Agent };
