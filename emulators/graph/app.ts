// The graph.microsoft.com listener: auth, throttling and routing for /v1.0 and /beta, plus faults. The
// routes themselves come from the services (directory, graph-mail, graph-security) through the router.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newGuid } from '../shared/ids.js';
import { createHttpsApp, describeError } from '../shared/https-server.js';
import type { KeyAndCertificate } from '../shared/tls.js';
import { annotateCaller, installTraffic } from '../shared/traffic.js';
import { bearerTraffic, header } from '../identity/caller.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { authenticate } from './auth.js';
import { runBatch } from './batch.js';
import { graphError, type RequestIds, tooManyRequests } from './errors.js';
import { graphFault } from './faults.js';
import type { GraphRouter } from './router.js';
import { GRAPH_JSON, type GraphCall, type GraphResponse } from './types.js';

export function createGraphApp(
  ctx: EmulatorContext,
  tls: KeyAndCertificate,
  router: GraphRouter,
): FastifyInstance {
  const app = createHttpsApp(tls, {
    badRequestBody: (message) =>
      graphError({ requestId: newGuid(), clientRequestId: '' }, 400, 'BadRequest', message).body,
  });

  installTraffic(
    app,
    bearerTraffic(ctx, 'graph', (rule, request) => {
      const ids = requestIds(request);
      const base = { 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId };
      const r = graphFault(rule, ids, {
        defaultStatus: 503,
        headers: base,
        malformed: {
          headers: { ...base, 'content-type': GRAPH_JSON },
          body: '{"@odata.context":"x","value":[{"id":',
        },
      });
      return { status: r.status, headers: r.headers, body: r.body };
    }),
  );

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

const idsByRequest = new WeakMap<FastifyRequest, RequestIds>();

/** Graph's request-id, and the client-request-id it echoes (or the request-id when none was sent). */
function requestIds(request: FastifyRequest): RequestIds {
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
