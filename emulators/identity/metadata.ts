// Login listener metadata: OpenID configuration, instance discovery and the signing keys (JWKS).
// https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri
import type { FastifyInstance } from 'fastify';
import { aadsts, aadstsBody } from './aadsts-errors.js';
import { type EmulatorContext, hostAndPort } from '../microsoft/context.js';

const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);

export function registerMetadataRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  /** Resolves the path tenant: a registered GUID/domain → its GUID; a multi-tenant alias stays as is. */
  const tenantSegment = (ref: string): string | undefined =>
    MULTI_TENANT.has(ref.toLowerCase()) ? ref.toLowerCase() : ctx.state.findTenant(ref)?.id;

  app.get<{ Params: { tenant: string } }>(
    '/:tenant/v2.0/.well-known/openid-configuration',
    async (request, reply) => {
      const seg = tenantSegment(request.params.tenant);
      if (seg === undefined) return invalidTenant(reply, request.params.tenant);
      return openIdConfiguration(ctx, seg);
    },
  );

  app.get<{ Params: { tenant: string } }>(
    '/:tenant/.well-known/openid-configuration',
    async (request, reply) => {
      const seg = tenantSegment(request.params.tenant);
      if (seg === undefined) return invalidTenant(reply, request.params.tenant);
      const v2 = openIdConfiguration(ctx, seg);
      return {
        ...v2,
        token_endpoint: `${ctx.urls.login}/${seg}/oauth2/token`,
        jwks_uri: `${ctx.urls.login}/common/discovery/keys`,
        issuer: `https://sts.windows.net/${MULTI_TENANT.has(seg) ? '{tenantid}' : seg}/`,
      };
    },
  );

  app.get<{ Params: { tenant: string }; Querystring: { authorization_endpoint?: string } }>(
    '/:tenant/discovery/instance',
    async (request) => {
      let tenant = 'common';
      try {
        const asked = new URL(request.query.authorization_endpoint ?? '');
        tenant = asked.pathname.split('/').filter(Boolean)[0] ?? 'common';
      } catch {
        // No or unparsable authorization_endpoint: Entra still answers with the cloud's metadata.
      }
      const hp = hostAndPort(ctx.urls.login);
      const port = new URL(ctx.urls.login).port;
      const aliases = [hp, ...ctx.hostNames.map((h) => `${h.includes(':') ? `[${h}]` : h}:${port}`)];
      return {
        tenant_discovery_endpoint: `${ctx.urls.login}/${tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: hp, preferred_cache: hp, aliases: [...new Set(aliases)] }],
      };
    },
  );

  app.get<{ Params: { tenant: string } }>('/:tenant/discovery/v2.0/keys', async (request, reply) => {
    const seg = tenantSegment(request.params.tenant);
    if (seg === undefined) return invalidTenant(reply, request.params.tenant);
    return ctx.signer.jwks(`${ctx.urls.login}/${MULTI_TENANT.has(seg) ? '{tenantid}' : seg}/v2.0`);
  });

  app.get('/:tenant/discovery/keys', async () => ctx.signer.jwks());

  function invalidTenant(reply: import('fastify').FastifyReply, tenant: string) {
    const body = aadstsBody(aadsts.tenantNotFound(tenant), ctx.urls.login);
    return reply.code(400).send({ ...body, error: 'invalid_tenant' });
  }
}

function openIdConfiguration(ctx: EmulatorContext, seg: string): Record<string, unknown> {
  const base = `${ctx.urls.login}/${seg}`;
  const issuerTenant = MULTI_TENANT.has(seg) ? '{tenantid}' : seg;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${ctx.urls.login}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.urls.graph}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'oid',
      'email',
    ],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: hostAndPort(ctx.urls.login),
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: hostAndPort(ctx.urls.graph),
    rbac_url: 'https://pas.windows.net',
  };
}
