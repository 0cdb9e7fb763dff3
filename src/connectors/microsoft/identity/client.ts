// TokenProvider for one tenant's app registration over @azure/msal-node (client credentials with a
// secret or a certificate). One ConfidentialClientApplication per authority, tenant, app and
// credential is kept per process, so its token cache serves every caller; refreshes are single-flight.
import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import type { TenantConfig } from '../../../platform/config/tenant.js';
import { createConnectorClient, type HttpClient } from '../../../platform/http/index.js';
import { loadCredential } from './credentials.js';
import { type IdentityErrorFields, parseEntraError } from './errors.js';
import { msalNetworkClient } from './network.js';
import { loadAuthorityMetadata } from './resources/metadata.js';
import { type AcquiredToken, acquireToken } from './resources/token.js';
import type {
  CredentialCheck,
  GetTokenOptions,
  TokenProvider,
  TokenProviderOptions,
  TokenResource,
} from './types.js';

/**
 * Defender for Endpoint tokens use the securitycenter audience even when calls go to
 * api.security.microsoft.com.
 * @link https://learn.microsoft.com/defender-endpoint/api/exposed-apis-create-app-webapp
 */
/** A memoised token is used while it has more than this left (MSAL renews within 5 minutes). */
const MEMO_MARGIN_MS = 10 * 60_000;

export const DEFENDER_SCOPE = 'https://api.securitycenter.microsoft.com/.default';

export function scopeFor(
  tenant: TenantConfig,
  resource: TokenResource,
  opts: TokenProviderOptions = {},
): string {
  const override = opts.scopes?.[resource];
  if (override) return override;
  if (resource === 'graph') return tenant.graphScope ?? `${tenant.graphBaseUrl}/.default`;
  if (resource === 'management') return tenant.managementScope ?? `${tenant.managementBaseUrl}/.default`;
  return tenant.defenderScope ?? DEFENDER_SCOPE;
}

interface Entry {
  ready: Promise<ConfidentialClientApplication>;
  http: HttpClient;
}

const applications = new Map<string, Entry>();

/** Drops the process-wide cache of msal applications (tests, credential rotation). */
export async function forgetCachedApplications(): Promise<void> {
  const entries = [...applications.values()];
  applications.clear();
  await Promise.all(entries.map((e) => e.http.close()));
}

export interface TenantTokenProvider extends TokenProvider {
  readonly tenant: TenantConfig;
  /** Asks Entra for a fresh Graph token: proves the credentials work right now. */
  ping(): Promise<CredentialCheck>;
}

export function createTokenProvider(
  tenant: TenantConfig,
  opts: TokenProviderOptions = {},
): TenantTokenProvider {
  const credential = loadCredential(tenant);
  const fields: IdentityErrorFields = {
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    authorityHost: tenant.authorityHost,
  };
  const secrets = [tenant.clientSecret];
  const key = [
    tenant.authorityHost,
    tenant.tenantId,
    tenant.clientId,
    credential.fingerprint,
    tenant.caFile ?? '',
  ].join('|');
  const windowMs = opts.forceRefreshWindowMs ?? 5000;
  const inFlight = new Map<string, Promise<AcquiredToken>>();
  const lastForced = new Map<string, { at: number; token: AcquiredToken }>();
  // The last token per scope. MSAL's own cache lookup costs about a millisecond per call (keys,
  // filters, telemetry); a token with more than MEMO_MARGIN_MS left is handed out from here instead.
  // Inside the margin MSAL is asked again, and it renews the token as it always does.
  const memo = new Map<string, AcquiredToken>();

  function application(): Promise<ConfidentialClientApplication> {
    let entry = applications.get(key);
    if (!entry) {
      const http = createConnectorClient(
        { service: 'entra', caFile: tenant.caFile, errorParser: parseEntraError },
        opts,
      );
      const ready = loadAuthorityMetadata(http, tenant.authorityHost, tenant.tenantId, fields).then(
        (meta) =>
          new ConfidentialClientApplication({
            auth: {
              clientId: tenant.clientId,
              authority: `${tenant.authorityHost}/${tenant.tenantId}`,
              clientSecret: credential.clientSecret,
              clientCertificate: credential.clientCertificate,
              knownAuthorities: [new URL(tenant.authorityHost).host],
              ...meta,
            },
            system: {
              networkClient: msalNetworkClient(http),
              disableInternalRetries: true,
              loggerOptions: { piiLoggingEnabled: false, logLevel: LogLevel.Error, loggerCallback: () => {} },
            },
          }),
      );
      entry = { ready, http };
      applications.set(key, entry);
      // A failed metadata load is not cached: the next call tries again.
      ready.catch(() => {
        if (applications.get(key) === entry) applications.delete(key);
      });
    }
    return entry.ready;
  }

  async function token(resource: TokenResource, o: GetTokenOptions = {}): Promise<AcquiredToken> {
    const scope = scopeFor(tenant, resource, opts);
    const force = o.forceRefresh === true;
    const now = (opts.clock ?? Date).now();
    const recent = lastForced.get(scope);
    if (force && recent && now - recent.at < windowMs) return recent.token;
    const kept = force ? undefined : memo.get(scope);
    if (kept?.expiresOn && kept.expiresOn.getTime() - now > MEMO_MARGIN_MS) return kept;
    const flightKey = `${force ? 'force' : 'cache'}|${scope}`;
    let p = inFlight.get(flightKey);
    if (!p) {
      p = application()
        .then((cca) => acquireToken(cca, scope, force, fields, secrets))
        .then((t) => {
          if (force) lastForced.set(scope, { at: (opts.clock ?? Date).now(), token: t });
          memo.set(scope, t);
          return t;
        })
        .finally(() => inFlight.delete(flightKey));
      inFlight.set(flightKey, p);
    }
    return p;
  }

  return {
    tenant,
    async getToken(resource, o) {
      return (await token(resource, o)).accessToken;
    },
    async ping() {
      const t = await token('graph', { forceRefresh: true });
      return {
        tenantId: tenant.tenantId,
        clientId: tenant.clientId,
        authorityHost: tenant.authorityHost,
        credential: credential.kind,
        expiresOn: t.expiresOn?.toISOString(),
      };
    },
  };
}
