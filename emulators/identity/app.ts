// The login.microsoftonline.com stand-in: metadata, authorize and token endpoints, faults and the control API.
import type { FastifyInstance } from 'fastify';
import { type FaultRule, retryAfterValue } from '../shared/faults.js';
import { createHttpsApp, describeError } from '../shared/https-server.js';
import type { KeyAndCertificate } from '../shared/tls.js';
import { installTraffic } from '../shared/traffic.js';
import { aadsts, aadstsBody } from './aadsts-errors.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { registerAuthorizeRoutes } from './authorize.js';
import { registerMetadataRoutes } from './metadata.js';
import { registerTokenEndpoint } from './token-endpoint.js';

/** Token requests are small; anything bigger is answered invalid_request rather than read. */
const LOGIN_BODY_LIMIT_BYTES = 64 * 1024;

export function createLoginApp(ctx: EmulatorContext, tls: KeyAndCertificate): FastifyInstance {
  const app = createHttpsApp(tls, {
    bodyLimitBytes: LOGIN_BODY_LIMIT_BYTES,
    badRequestBody: (message) => aadstsBody(aadsts.invalidRequestParameter(message), ctx.urls.login),
  });

  installTraffic(app, {
    listener: 'login',
    faults: ctx.faults,
    log: ctx.log,
    latencyMs: () => 0,
    identify: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      const tenantRef = request.url.split('/')[1] ?? '';
      const appId = typeof body?.client_id === 'string' ? body.client_id : undefined;
      return { appId, tenantId: ctx.state.findTenant(tenantRef)?.id };
    },
    renderFault: (rule: FaultRule) => renderLoginFault(ctx, rule),
  });

  app.setErrorHandler(function loginErrors(error, _request, reply) {
    const status = describeError(error).statusCode < 500 ? 400 : 500;
    const err =
      status === 400
        ? aadsts.invalidRequestParameter('The request body could not be read.')
        : aadsts.transient(500);
    void reply.code(status).send(aadstsBody(err, ctx.urls.login));
  });
  app.setNotFoundHandler(function loginNotFound(_request, reply) {
    void reply
      .code(404)
      .send(
        aadstsBody({ ...aadsts.invalidRequestParameter('Unknown endpoint.'), status: 404 }, ctx.urls.login),
      );
  });

  registerMetadataRoutes(app, ctx);
  void app.register(async function formScope(scope) {
    // Only form encoding counts as a token or sign-in form body; anything else reaches the handler as a string.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    registerTokenEndpoint(scope, ctx);
    registerAuthorizeRoutes(scope, ctx);
  });
  return app;
}

function renderLoginFault(ctx: EmulatorContext, rule: FaultRule) {
  const status = rule.status ?? (rule.malformedBody ? 200 : rule.expiredToken ? 401 : 503);
  if (rule.malformedBody) return { status, body: '{"token_type":"Bearer","expires_in":35' };
  const retryAfter = retryAfterValue(rule);
  // The login side has no access token to expire; the nearest failure is an expired client assertion.
  const err = rule.expiredToken ? aadsts.assertionExpired('') : aadsts.transient(status);
  const body = aadstsBody(
    {
      ...err,
      ...(rule.code ? { error: rule.code } : {}),
      ...(rule.message ? { description: rule.message } : {}),
    },
    ctx.urls.login,
  );
  const headers: Record<string, string> = retryAfter ? { 'retry-after': retryAfter } : {};
  return { status, headers, body };
}
