// One sign-in client per console: the tenant's metadata and keys (cached), the authorize URL, and a
// code turned into a verified person. Calls go through platform/http with the tenant's CA.
import { createConnectorClient, type HttpClient } from '../../../platform/http/index.js';
import { authorizeUrl, SIGN_IN_SCOPE } from './authorize.js';
import { clientAuthFor } from './client-auth.js';
import { errors, SignInRefusedError } from './errors.js';
import { verifyIdToken } from './id-token.js';
import { SigningKeys } from './resources/keys.js';
import { fetchMetadata, type TrustedMetadata } from './resources/metadata.js';
import { redeemCode } from './resources/token.js';
import type { AuthorizeOptions, SignedInPerson, SignInClientOptions, SignInSettings } from './types.js';

const DEFAULT_TOLERANCE_SEC = 60;
const MAX_TOLERANCE_SEC = 300;
const DEFAULT_METADATA_TTL_SEC = 24 * 3600;

export interface SignInClient {
  readonly clientId: string;
  readonly redirectUri: string;
  /** Where to send the browser to sign in. */
  authorizeUrl(o: AuthorizeOptions): Promise<string>;
  /** Redeems the code, verifies the ID token against the flow's nonce: the person it proves. */
  complete(code: string, flow: { codeVerifier: string; nonce: string }): Promise<SignedInPerson>;
  /** Loads the metadata: the tenant and authority answer (for `config check --online`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function createSignInClient(s: SignInSettings, opts: SignInClientOptions = {}): SignInClient {
  const { tenant } = s;
  const clientId = s.clientId ?? tenant.clientId;
  const tolerance = Math.min(MAX_TOLERANCE_SEC, Math.max(0, s.clockToleranceSec ?? DEFAULT_TOLERANCE_SEC));
  const ttlMs = (s.metadataTtlSec ?? DEFAULT_METADATA_TTL_SEC) * 1000;
  const own = opts.http === undefined;
  const http: HttpClient =
    opts.http ?? createConnectorClient({ service: 'entra-sign-in', caFile: tenant.caFile }, opts);
  const auth = clientAuthFor(tenant, clientId);
  const keys = new SigningKeys(http, ttlMs);
  let cached: { at: number; meta: Promise<TrustedMetadata> } | undefined;

  function metadata(): Promise<TrustedMetadata> {
    const now = http.clock.now();
    if (!cached || now - cached.at >= ttlMs) {
      const entry = { at: now, meta: fetchMetadata(http, tenant.authorityHost, tenant.tenantId) };
      cached = entry;
      // A failed load is not kept: the next sign-in tries again.
      entry.meta.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.meta;
  }

  return {
    clientId,
    redirectUri: s.redirectUri,
    async authorizeUrl(o) {
      const meta = await metadata();
      return authorizeUrl(meta.authorization_endpoint, clientId, s.redirectUri, o);
    },
    async complete(code, flow) {
      const meta = await metadata();
      const idToken = await redeemCode(http, auth, {
        tokenEndpoint: meta.token_endpoint,
        clientId,
        redirectUri: s.redirectUri,
        code,
        codeVerifier: flow.codeVerifier,
        scope: SIGN_IN_SCOPE,
      });
      const claims = await verifyIdToken(idToken, {
        metadata: meta,
        keys,
        clientId,
        nonce: flow.nonce,
        clockToleranceSec: tolerance,
        now: http.clock.now(),
      });
      const overage = claims._claim_names?.groups !== undefined || claims.hasgroups !== undefined;
      return {
        objectId: claims.oid,
        tenantId: claims.tid,
        name: claims.name ?? claims.preferred_username ?? claims.oid,
        userName: claims.preferred_username ?? claims.email ?? '',
        appRoles: claims.roles ?? [],
        groups: claims.groups ?? [],
        groupsOverage: overage,
      };
    },
    async ping() {
      await metadata();
    },
    async close() {
      if (own) await http.close();
    },
  };
}

/** GSOC_SIGNIN_NO_ROLE (403) for a person whose token maps to no console role. */
export function noRoleError(person: SignedInPerson): SignInRefusedError {
  const hint = person.groupsOverage
    ? ' The token says the person is in more groups than it can carry, and graphsoc does not look them up: assign an app role (to the person or to one of their groups) instead.'
    : ' Assign an app role of the console (to the person or to a group they are in).';
  return new SignInRefusedError(
    errors.NO_ROLE,
    `${person.userName || person.objectId} has no console role.${hint}`,
    {},
    { httpStatus: 403 },
  );
}
