// The Sentinel listener: stands in for api.ti.sentinel.azure.com (STIX objects upload),
// sentinelus.azure-api.net (legacy Upload Indicators v2) and the one ARM route that reads indicators
// back, with the shared faults, latency and request log. Paths are matched segment by segment because
// their last segment holds a literal colon (`…-stix-objects:upload`), which a route pattern would read
// as a parameter. Anything else, the portal's hyphen-less `threatintelligence-stix-objects:upload`
// included, is 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FaultRule, retryAfterValue } from '../shared/faults.js';
import { createHttpsApp, describeError } from '../shared/https-server.js';
import { splitUrl } from '../shared/request-log.js';
import type { KeyAndCertificate } from '../shared/tls.js';
import { annotateCaller, installTraffic } from '../shared/traffic.js';
import { bearerTraffic, header } from '../identity/caller.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { apiError, type SentinelResponse } from './errors.js';
import { queryIndicators } from './query.js';
import type { SentinelState } from './store.js';
import { type UploadApi, upload } from './upload.js';

const UPLOAD_ACTIONS: Record<string, UploadApi> = {
  'threat-intelligence-stix-objects:upload': 'stix-objects',
  'threatintelligenceindicators:upload': 'upload-indicators',
};

const ARM_SHAPE = [
  'subscriptions',
  null,
  'resourcegroups',
  null,
  'providers',
  'microsoft.operationalinsights',
  'workspaces',
  null,
  'providers',
  'microsoft.securityinsights',
  'threatintelligence',
  'main',
  'queryindicators',
];

export function createSentinelApp(
  ctx: EmulatorContext,
  state: SentinelState,
  tls: KeyAndCertificate,
): FastifyInstance {
  const app = createHttpsApp(tls, { badRequestBody: (message) => apiError(400, message).body });
  installTraffic(
    app,
    bearerTraffic(ctx, 'sentinel', (rule) => {
      const r = renderFault(rule, state);
      return { status: r.status, headers: r.headers ?? {}, body: r.body };
    }),
  );
  app.setErrorHandler(function sentinelErrors(error, _request, reply) {
    const d = describeError(error);
    void send(reply, apiError(Math.min(d.statusCode, 500), d.message));
  });
  app.post('/*', async (request, reply) => send(reply, await serve(request)));
  app.setNotFoundHandler(function sentinelNotFound(_request, reply) {
    void send(reply, apiError(404, 'Resource not found.'));
  });

  async function serve(request: FastifyRequest): Promise<SentinelResponse> {
    const { path } = splitUrl(request.url);
    const url = new URL(request.url, 'https://sentinel.invalid');
    const segments = decodeSegments(path);
    const authorization = header(request, 'authorization');
    const apiVersion = url.searchParams.get('api-version');
    const action = segments?.length === 3 && segments[0] === 'workspaces' ? segments[2] : undefined;
    const api = action === undefined ? undefined : UPLOAD_ACTIONS[action];
    if (segments && api) {
      const workspaceId = segments[1] ?? '';
      return upload(ctx, state, { api, workspaceId, apiVersion, authorization, body: request.body }, (p) =>
        annotateCaller(request, p),
      );
    }
    if (segments && isArmQuery(segments)) {
      const [, subscriptionId = '', , resourceGroup = '', , , , workspaceName = ''] = segments;
      const self = new URL(`${request.protocol}://${request.host}${request.url}`);
      return queryIndicators(ctx, state, {
        path: { subscriptionId, resourceGroup, workspaceName },
        url: self,
        apiVersion,
        skipToken: url.searchParams.get('$skipToken'),
        authorization,
        body: request.body,
      });
    }
    return apiError(404, 'Resource not found.');
  }
  return app;
}

function decodeSegments(path: string): string[] | undefined {
  try {
    return path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function isArmQuery(segments: string[]): boolean {
  return (
    segments.length === ARM_SHAPE.length &&
    ARM_SHAPE.every((s, i) => s === null || s === segments[i]?.toLowerCase())
  );
}

function send(reply: FastifyReply, r: SentinelResponse): FastifyReply {
  reply.code(r.status).headers(r.headers ?? {});
  if (r.body === undefined) return reply.send();
  reply.header('content-type', 'application/json; charset=utf-8');
  return reply.send(JSON.stringify(r.body));
}

/**
 * A fault in Sentinel's shape. A 429 says its wait in the message (retryAfterSec, default 1) and sends
 * Retry-After only when the rule asks for an HTTP date, so both ways a client may learn the wait are
 * testable; other statuses send Retry-After when the rule has one.
 */
function renderFault(rule: FaultRule, state: SentinelState): SentinelResponse {
  if (rule.expiredToken) return apiError(401, 'Unauthorized. The access token has expired.');
  if (rule.malformedBody)
    return {
      status: rule.status ?? 200,
      headers: { 'content-type': 'application/json' },
      body: '{"errors":[',
    };
  const status = rule.status ?? 500;
  if (status === 429) {
    state.counts.throttled += 1;
    const message = `Rate limit is exceeded. Try again in ${rule.retryAfterSec ?? 1} seconds.`;
    const header = rule.retryAfterHttpDate ? retryAfterValue(rule) : undefined;
    return { ...apiError(429, rule.message ?? message), headers: header ? { 'Retry-After': header } : {} };
  }
  const retryAfter = retryAfterValue(rule);
  return {
    ...apiError(status, rule.message ?? 'An error occurred.'),
    headers: retryAfter ? { 'Retry-After': retryAfter } : {},
  };
}
