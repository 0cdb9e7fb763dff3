// The graph.microsoft.com stand-in: auth, throttling and routing for /v1.0 and /beta, plus faults and control.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FaultRule } from '../shared/faults.js';
import { retryAfterValue } from '../shared/faults.js';
import { newGuid } from '../shared/ids.js';
import { createHttpsApp, describeError } from '../shared/https-server.js';
import type { KeyAndCertificate } from '../shared/tls.js';
import { annotateCaller, installTraffic } from '../shared/traffic.js';
import { runBatch } from './batch.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { deltaRoutes } from '../directory/users-delta.js';
import { authenticate, peekCaller } from './auth.js';
import {
  graphError,
  serverErrorCode,
  serverErrorMessage,
  tooManyRequests,
  unauthenticated,
} from './errors.js';
import { GraphRouter } from './router.js';
import { mailRoutes } from '../graph-mail/routes.js';
import { GRAPH_JSON, type GraphCall, type GraphResponse } from './types.js';
import { organizationRoutes } from '../directory/organization.js';
import { securityAlertRoutes } from '../graph-security/alerts.js';
import { securityHuntingRoutes } from '../graph-security/hunting.js';
import { securityLegacyRoutes } from '../graph-security/legacy.js';
import { userRoutes } from '../directory/users.js';

export function createGraphRouter(): GraphRouter {
  return new GraphRouter().add(
    ...deltaRoutes,
    ...userRoutes,
    ...organizationRoutes,
    ...securityAlertRoutes,
    ...securityLegacyRoutes,
    ...securityHuntingRoutes,
    ...mailRoutes,
  );
}

export function createGraphApp(
  ctx: EmulatorContext,
  tls: KeyAndCertificate,
  router: GraphRouter,
): FastifyInstance {
  const app = createHttpsApp(tls, {
    badRequestBody: (message) =>
      graphError({ requestId: newGuid(), clientRequestId: '' }, 400, 'BadRequest', message).body,
  });

  installTraffic(app, {
    listener: 'graph',
    faults: ctx.faults,
    log: ctx.log,
    latencyMs: () => ctx.settings.latencyMs,
    identify: (request) => peekCaller(header(request, 'authorization')),
    renderFault: (rule, request) => {
      const rendered = renderGraphFault(rule, requestIds(request));
      return { status: rendered.status, headers: rendered.headers, body: rendered.body };
    },
  });

  app.setErrorHandler(function graphErrors(error, request, reply) {
    const described = describeError(error);
    const status = Math.min(described.statusCode, 500);
    const message =
      status < 500 ? `Invalid request: ${described.message}` : 'An unspecified error has occurred.';
    void send(
      reply,
      request,
      graphError(requestIds(request), status, status < 500 ? 'BadRequest' : 'generalException', message),
    );
  });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const ids = requestIds(request);
    const raw = request.url;
    const q = raw.indexOf('?');
    const fullPath = q < 0 ? raw : raw.slice(0, q);
    const m = /^\/(v1\.0|beta)(\/.*)?$/.exec(fullPath);
    if (!m)
      return send(
        reply,
        request,
        graphError(ids, 400, 'BadRequest', `Invalid version: ${fullPath.split('/')[1] ?? ''}`),
      );
    const auth = await authenticate(ctx, header(request, 'authorization'), ids);
    if ('response' in auth) return send(reply, request, auth.response);
    annotateCaller(request, auth.principal);
    const throttled = ctx.throttle.take(auth.principal.appId, auth.principal.tenantId);
    if (!throttled.ok) return send(reply, request, tooManyRequests(ids, String(throttled.retryAfterSec)));

    const call: GraphCall = {
      method: request.method,
      version: m[1] as 'v1.0' | 'beta',
      path: decodePath(m[2] ?? '/'),
      query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
      headers: lowerHeaders(request),
      body: request.body,
      principal: auth.principal,
      ...ids,
      batched: false,
    };
    const dispatch = (c: GraphCall) => router.dispatch(ctx, c);
    const result =
      call.path === '/$batch' && call.method === 'POST'
        ? await runBatch(ctx, call, dispatch)
        : await dispatch(call);
    return send(reply, request, result);
  };
  app.route({ method: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'], url: '/*', handler });
  return app;
}

const idsByRequest = new WeakMap<FastifyRequest, { requestId: string; clientRequestId: string }>();

/** Graph's request-id, and the client-request-id it echoes (or the request-id when none was sent). */
function requestIds(request: FastifyRequest): { requestId: string; clientRequestId: string } {
  let ids = idsByRequest.get(request);
  if (!ids) {
    const requestId = newGuid();
    const sent = header(request, 'client-request-id');
    ids = { requestId, clientRequestId: sent && sent.length <= 200 ? sent : requestId };
    idsByRequest.set(request, ids);
  }
  return ids;
}

function send(reply: FastifyReply, request: FastifyRequest, result: GraphResponse): FastifyReply {
  const ids = requestIds(request);
  reply.code(result.status).headers({
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({
      ServerInfo: { DataCenter: 'Emulator', Slice: 'E', Ring: '1', ScaleUnit: '000', RoleInstance: 'local' },
    }),
    'strict-transport-security': 'max-age=31536000',
    ...(result.headers ?? {}),
  });
  if (result.body === undefined) return reply.send();
  // Raw content ($value) goes out as it is, with the content type the handler set.
  if (Buffer.isBuffer(result.body)) return reply.send(result.body);
  reply.header('content-type', GRAPH_JSON);
  return reply.send(typeof result.body === 'string' ? result.body : JSON.stringify(result.body));
}

function renderGraphFault(
  rule: FaultRule,
  ids: { requestId: string; clientRequestId: string },
): GraphResponse {
  const retryAfter = retryAfterValue(rule);
  const base = { 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId };
  if (rule.expiredToken) {
    const r = unauthenticated(ids, 'Access token has expired or is not yet valid.');
    return { ...r, headers: { ...base, ...r.headers } };
  }
  if (rule.malformedBody) {
    return {
      status: rule.status ?? 200,
      headers: { ...base, 'content-type': GRAPH_JSON },
      body: '{"@odata.context":"x","value":[{"id":',
    };
  }
  const status = rule.status ?? 503;
  const r = graphError(
    ids,
    status,
    rule.code ?? serverErrorCode(status),
    rule.message ?? serverErrorMessage(status),
    {
      ...base,
      ...(retryAfter ? { 'Retry-After': retryAfter } : {}),
    },
  );
  return r;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function lowerHeaders(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

function decodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => {
      try {
        return decodeURIComponent(seg);
      } catch {
        return seg;
      }
    })
    .join('/');
}
