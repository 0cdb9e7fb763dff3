// The TruSTAR 2.0 routes (docs.trustar.co/api/v20; reference/threat-intel.md §2): the token endpoint
// outside /api, then the API under /api/2.0 (ping, enclaves, the two searches) and the v1.3 request
// quotas. Every API call needs a live bearer token (400 "Expired/Invalid oauth2 access token"
// otherwise, 401 without one) and passes the per-user limit and the daily quota (429 with waitTime).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { describeError } from '../shared/https-server.js';
import {
  BAD_CREDENTIALS_BODY,
  EXPIRED_TOKEN,
  genericError,
  INVALID_TOKEN,
  NO_TOKEN_BODY,
  throttledBody,
  tokenErrorBody,
  traceId,
} from './bodies.js';
import type { TrustarContext } from './context.js';
import { DeepPagingRefused, SearchRefused, searchIndicators, searchObservables } from './search.js';
import { indicatorsBody, observablesBody } from './search-request.js';
import { basicCredential, bearerToken } from './tokens.js';

export const API_ROOT = '/api/2.0';

function refuse(reply: FastifyReply, ctx: TrustarContext, status: number, message: string) {
  return reply.code(status).send(genericError(status, message, ctx.now()));
}

/** The caller of an API route, or the answer already sent (token missing, expired, throttled). */
function admit(ctx: TrustarContext, request: FastifyRequest, reply: FastifyReply, counted: boolean) {
  const token = bearerToken(request.headers.authorization);
  if (token === undefined) {
    void reply.code(401).send(NO_TOKEN_BODY);
    return undefined;
  }
  const checked = ctx.tokens.check(token);
  if ('refused' in checked) {
    void reply.code(400).send(tokenErrorBody(checked.refused === 'expired' ? EXPIRED_TOKEN : INVALID_TOKEN));
    return undefined;
  }
  ctx.calls.note(request, { apiKey: checked.apiKey });
  if (!counted) return checked;
  if (ctx.storm.remaining > 0) {
    ctx.storm.remaining -= 1;
    void reply.code(429).send(throttledBody(ctx.settings.stormWaitTimeMs));
    return undefined;
  }
  const taken = ctx.limits.take(checked.apiKey);
  if (!taken.ok) {
    void reply.code(429).send(throttledBody(taken.waitMs));
    return undefined;
  }
  return checked;
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const first = r.error.issues[0];
  throw new SearchRefused(
    `Invalid request: ${first?.path.join('.') || 'body'}: ${first?.message ?? 'invalid'}`,
  );
}

export function registerTrustarApi(app: FastifyInstance, ctx: TrustarContext): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    function formBody(_request, body, done) {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
  app.addHook('onSend', async function stampTraceId(_request, reply) {
    if (reply.statusCode >= 400) reply.header('trace-id', traceId());
  });
  app.setErrorHandler(function trustarErrors(error, _request, reply) {
    const { statusCode, message } = describeError(error);
    const status = statusCode >= 400 && statusCode < 600 ? statusCode : 500;
    return refuse(reply, ctx, status, status < 500 ? message : 'Internal server error');
  });
  app.setNotFoundHandler(function notFound(request, reply) {
    return refuse(reply, ctx, 404, `No handler found for ${request.method} ${request.url.split('?')[0]}`);
  });

  // The TS SDK sends grant_type in the query string, the Python SDK in the form body; both work.
  app.post('/oauth/token', async function token(request, reply) {
    const cred = basicCredential(request.headers.authorization);
    const known =
      cred && ctx.credentials.find((c) => c.apiKey === cred.apiKey && c.apiSecret === cred.apiSecret);
    if (!known) return reply.code(401).send(BAD_CREDENTIALS_BODY);
    ctx.calls.note(request, { apiKey: known.apiKey });
    const form = (typeof request.body === 'object' && request.body) || {};
    const grant =
      (form as Record<string, unknown>).grant_type ?? (request.query as Record<string, unknown>).grant_type;
    if (grant !== 'client_credentials')
      return reply.code(400).send({
        error: 'unsupported_grant_type',
        error_description: `Unsupported grant type: ${String(grant)}`,
      });
    const issued = ctx.tokens.issue(known.apiKey);
    return {
      access_token: issued.token,
      token_type: 'bearer',
      expires_in: issued.expiresInSec,
      scope: 'read',
    };
  });

  app.get(`${API_ROOT}/ping`, async function ping(request, reply) {
    if (!admit(ctx, request, reply, true)) return reply;
    return reply.type('text/plain').send('pong');
  });

  app.get(`${API_ROOT}/enclaves`, async function enclaves(request, reply) {
    if (!admit(ctx, request, reply, true)) return reply;
    return ctx.enclaves;
  });

  // Quota checks do not count against the quota (support article).
  app.get('/api/1.3/request-quotas', async function quotas(request, reply) {
    if (!admit(ctx, request, reply, false)) return reply;
    return [{ guid: ctx.quotaGuid, ...ctx.limits.quota() }];
  });

  const search =
    <S extends z.ZodType>(schema: S, run: (b: z.output<S>, pageSize: string | undefined) => unknown) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      if (!admit(ctx, request, reply, true)) return reply;
      const pageSize = (request.query as Record<string, string | undefined>).pageSize;
      try {
        const body = parseBody(schema, request.body);
        ctx.calls.note(request, { body });
        return run(body, pageSize);
      } catch (e) {
        if (e instanceof SearchRefused) return refuse(reply, ctx, 400, e.message);
        if (e instanceof DeepPagingRefused)
          return refuse(reply, ctx, 500, 'Paging beyond 10000 results is not supported.');
        throw e;
      }
    };
  app.post(
    `${API_ROOT}/observables/search`,
    search(observablesBody, (b, p) => searchObservables(ctx, b, p)),
  );
  app.post(
    `${API_ROOT}/indicators/search`,
    search(indicatorsBody, (b, p) => searchIndicators(ctx, b, p)),
  );
}
