// POST /{tenant}/oauth2/v2.0/token: the client credentials grant with a secret or a certificate assertion,
// and the user grants (authorization code, refresh token) of code-grant.ts with the same client checks.
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GUID_RE, newGuid } from '../shared/ids.js';
import { annotateCaller } from '../shared/traffic.js';
import { type AadstsError, aadsts, aadstsBody } from './aadsts-errors.js';
import { verifyClientAssertion } from './client-assertion.js';
import { redeemUserGrant } from './code-grant.js';
import type { EmulatorContext } from '../microsoft/context.js';
import type { AppRecord, Tenant } from '../directory/state.js';
import { RESOURCES } from './tokens.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const GRANT_TYPES = new Set(['client_credentials', 'authorization_code', 'refresh_token']);

type Form = Record<string, string>;

export function registerTokenEndpoint(app: FastifyInstance, ctx: EmulatorContext): void {
  const handler = async (request: FastifyRequest<{ Params: { tenant: string } }>, reply: FastifyReply) => {
    const correlationId = headerValue(request, 'client-request-id') ?? newGuid();
    reply.headers({
      'cache-control': 'no-store, no-cache',
      pragma: 'no-cache',
      'x-ms-request-id': newGuid(),
      'client-request-id': correlationId,
    });
    const fail = (err: AadstsError) =>
      reply.code(err.status).send(aadstsBody(err, ctx.urls.login, correlationId));
    const form: Form = isForm(request.body) ? request.body : {};
    annotateCaller(request, { appId: form.client_id });

    const tenantRef = request.params.tenant;
    if (MULTI_TENANT.has(tenantRef.toLowerCase())) return fail(aadsts.tenantNotAllowedForGrant(tenantRef));
    const tenant = ctx.state.findTenant(tenantRef);
    if (!tenant) return fail(aadsts.tenantNotFound(tenantRef));
    annotateCaller(request, { tenantId: tenant.id });

    if (!form.grant_type) return fail(aadsts.missingParameter('grant_type'));
    if (!GRANT_TYPES.has(form.grant_type)) return fail(aadsts.unsupportedGrantType(form.grant_type));
    if (!form.client_id) return fail(aadsts.missingParameter('client_id'));
    const tenantName = tenant.domains[0] ?? tenant.id;
    const appRecord = GUID_RE.test(form.client_id) ? ctx.state.findApp(tenant.id, form.client_id) : undefined;
    if (!appRecord) return fail(aadsts.appNotFound(form.client_id, tenantName));

    const credentialError = await checkCredential(ctx, form, appRecord, tenant);
    if (credentialError) return fail(credentialError);
    if (form.grant_type !== 'client_credentials') {
      const granted = await redeemUserGrant(ctx, form, appRecord, tenant);
      return 'error' in granted ? fail(granted.error) : reply.send(granted.body);
    }

    if (!form.scope) return fail(aadsts.missingParameter('scope'));
    const scope = parseScope(form.scope);
    if ('error' in scope) return fail(scope.error);
    const resourceKey = RESOURCES[scope.resource];
    if (!resourceKey) return fail(aadsts.resourceNotFound(scope.resource, tenant.id));

    const lifetime = ctx.settings.tokenLifetimeSec;
    const accessToken = await ctx.signer.issue({
      tenantId: tenant.id,
      clientId: appRecord.clientId,
      appDisplayName: appRecord.displayName,
      resource: scope.resource,
      roles: appRecord.roles?.[resourceKey] ?? [],
      lifetimeSec: lifetime,
      appidacr: form.client_assertion ? '2' : '1',
    });
    return reply.send({
      token_type: 'Bearer',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
    });
  };

  app.post('/:tenant/oauth2/v2.0/token', handler);
}

async function checkCredential(
  ctx: EmulatorContext,
  form: Form,
  app: AppRecord,
  tenant: Tenant,
): Promise<AadstsError | undefined> {
  if (form.client_secret !== undefined) {
    const ok = (app.secrets ?? []).some((s) => safeEqual(s, form.client_secret ?? ''));
    return ok ? undefined : aadsts.invalidSecret(app.clientId);
  }
  if (form.client_assertion !== undefined) {
    if (!form.client_assertion_type) return aadsts.missingParameter('client_assertion_type');
    if (form.client_assertion_type !== JWT_BEARER) return aadsts.invalidClientAssertionType();
    return verifyClientAssertion(form.client_assertion, app, {
      clientId: app.clientId,
      isValidAudience: (aud) => isTokenEndpointOf(ctx, aud, tenant),
    });
  }
  return aadsts.missingCredential();
}

/** True when `aud` is this emulator's token endpoint (v1 or v2) for the tenant, by GUID or domain. */
function isTokenEndpointOf(ctx: EmulatorContext, aud: string, tenant: Tenant): boolean {
  let url: URL;
  try {
    url = new URL(aud);
  } catch {
    return false;
  }
  const login = new URL(ctx.urls.login);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol !== 'https:' || url.port !== login.port || !ctx.hostNames.includes(host)) return false;
  const m = /^\/([^/]+)\/oauth2\/(?:v2\.0\/)?token\/?$/.exec(url.pathname);
  return m?.[1] !== undefined && ctx.state.findTenant(m[1])?.id === tenant.id;
}

function parseScope(raw: string): { resource: string } | { error: AadstsError } {
  const scopes = raw.split(/\s+/).filter((s) => s.length > 0 && !OIDC_SCOPES.has(s));
  if (scopes.length !== 1) return { error: aadsts.scopeInvalid() };
  const scope = scopes[0] ?? '';
  if (!scope.endsWith('/.default')) return { error: aadsts.scopeNotDefault(scope) };
  const resource = scope.slice(0, -'/.default'.length).replace(/\/+$/, '');
  return { resource };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isForm(body: unknown): body is Form {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body);
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' && v.length <= 200 ? v : undefined;
}
