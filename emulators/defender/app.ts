// The api.security.microsoft.com stand-in: auth, app roles, the documented per-API call limits and
// routing for /api/machines, /api/machineactions and /api/indicators, plus shared faults and latency.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FaultRule, retryAfterValue } from '../shared/faults.js';
import { newGuid } from '../shared/ids.js';
import { createHttpsApp, describeError } from '../shared/https-server.js';
import type { KeyAndCertificate } from '../shared/tls.js';
import { annotateCaller, installTraffic } from '../shared/traffic.js';
import { bearerTraffic, header } from '../identity/caller.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { authenticateDefender, requireRole } from './auth.js';
import { type DefenderResponse, defenderError, serverErrorCode, throttled } from './errors.js';
import { machinesFromEvidence } from './evidence-machines.js';
import { defenderIndicatorRoutes } from './indicators.js';
import { defenderMachineRoutes } from './machines.js';
import type { DefenderState, TenantDefender } from './store.js';
import type { DefenderRoute } from './types.js';

const JSON_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8';

export function createDefenderApp(
  ctx: EmulatorContext,
  defender: DefenderState,
  tls: KeyAndCertificate,
): FastifyInstance {
  const app = createHttpsApp(tls, {
    badRequestBody: (message) => defenderError(newGuid(), 400, 'BadRequest', message).body,
  });
  installTraffic(
    app,
    bearerTraffic(ctx, 'defender', (rule, request) => {
      const r = renderFault(rule, requestId(request));
      return { status: r.status, headers: r.headers ?? {}, body: r.body };
    }),
  );
  app.setErrorHandler(function defenderErrors(error, request, reply) {
    const d = describeError(error);
    const status = Math.min(d.statusCode, 500);
    const code = status < 500 ? 'BadRequest' : 'InternalServerError';
    void send(reply, request, defenderError(requestId(request), status, code, d.message));
  });

  for (const route of [...defenderMachineRoutes, ...defenderIndicatorRoutes]) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => send(reply, request, await serve(route, request)),
    });
  }
  app.setNotFoundHandler(function defenderNotFound(request, reply) {
    void send(reply, request, defenderError(requestId(request), 404, 'NotFound', 'Resource not found.'));
  });

  async function serve(route: DefenderRoute, request: FastifyRequest): Promise<DefenderResponse> {
    const id = requestId(request);
    const auth = await authenticateDefender(ctx, header(request, 'authorization'), id);
    if ('response' in auth) return auth.response;
    annotateCaller(request, auth.principal);
    const denied = requireRole(auth.principal, route.roles, id);
    if (denied) return denied;
    const tenant = tenantWithEvidence(ctx, defender, auth.principal.tenantId);
    const api = route.rateApi ?? route.url;
    tenant.calls.set(api, (tenant.calls.get(api) ?? 0) + 1);
    if (route.rateApi) {
      const key = `${auth.principal.tenantId}/${auth.principal.appId}/${route.rateApi}`;
      const r = defender.rate.take(key, route.bulk === true);
      if (!r.ok) {
        tenant.throttled += 1;
        return throttled(id, r.retryAfterSec);
      }
    }
    const nowMs = defender.now();
    tenant.indicators.purgeExpired(nowMs);
    const q = request.url.indexOf('?');
    return route.handle({
      params: (request.params ?? {}) as Record<string, string>,
      query: new URLSearchParams(q < 0 ? '' : request.url.slice(q + 1)),
      body: request.body,
      principal: auth.principal,
      requestId: id,
      tenant,
      completionMs: defender.actionCompletionMs,
      url: new URL(request.url, `https://${header(request, 'host') ?? 'localhost'}`),
      nowMs,
      indicatorCap: defender.indicatorCap,
    });
  }
  return app;
}

/** The tenant's Defender state with a machine for every device the security seed names. */
function tenantWithEvidence(ctx: EmulatorContext, defender: DefenderState, tenantId: string): TenantDefender {
  const tenant = defender.of(tenantId);
  const security = ctx.state.security.of(tenantId);
  const derived = security.cached('defender-machines', () =>
    machinesFromEvidence(security.alertsNewestFirst()),
  );
  const missing = derived.filter((m) => !tenant.machines.has(String(m.id)));
  if (missing.length > 0) tenant.add({ machines: missing });
  return tenant;
}

const ids = new WeakMap<FastifyRequest, string>();
function requestId(request: FastifyRequest): string {
  let id = ids.get(request);
  if (!id) {
    id = newGuid();
    ids.set(request, id);
  }
  return id;
}

function send(reply: FastifyReply, request: FastifyRequest, r: DefenderResponse): FastifyReply {
  reply.code(r.status).headers({ 'request-id': requestId(request), ...(r.headers ?? {}) });
  if (r.body === undefined) return reply.send();
  reply.header('content-type', JSON_TYPE);
  return reply.send(JSON.stringify(r.body));
}

function renderFault(rule: FaultRule, id: string): DefenderResponse {
  if (rule.expiredToken)
    return defenderError(id, 401, 'Unauthorized', 'The access token has expired.', { 'request-id': id });
  if (rule.malformedBody)
    return { status: rule.status ?? 200, headers: { 'content-type': JSON_TYPE }, body: '{"value":[{"id":' };
  const status = rule.status ?? 503;
  const retryAfter = retryAfterValue(rule);
  return defenderError(
    id,
    status,
    rule.code ?? serverErrorCode(status),
    rule.message ?? 'An error occurred.',
    {
      'request-id': id,
      ...(retryAfter ? { 'Retry-After': retryAfter } : {}),
    },
  );
}
