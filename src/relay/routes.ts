// Mounts relay modules on a Fastify app: the protocol routes of each module under /relay/<name>
// (or one module at the root, as the seeds deploy), each behind configuration-token auth.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UpstreamWait } from '../platform/http/index.js';
import type { Logger } from '../platform/log.js';
import { bearerToken } from './auth/bearer.js';
import type { JwksCache } from './auth/jwks.js';
import type { VerifiedTokens } from './auth/verified-tokens.js';
import { verifyRelayToken } from './auth/verify.js';
import type { RelayContext, RelayModule } from './module.js';
import { acceptAnyBody, jsonBody } from './protocol/body.js';
import { envelope } from './protocol/envelope.js';
import { answerOversized } from './protocol/limits.js';
import { selectObservables } from './protocol/observables.js';
import {
  AUTH_MESSAGES,
  authError,
  RELAY_CODES,
  RelayError,
  type RelayErrorBody,
} from './protocol/relay-error.js';
import {
  observablesSchema,
  parseBody,
  tileDataSchema,
  tileSchema,
  triggerSchema,
} from './protocol/schemas.js';
import { notAllowed, notFound } from './protocol/routing-errors.js';
import { type RelayStatsSink, RequestTally } from './stats/index.js';

export interface RelayOptions {
  modules: readonly RelayModule[];
  /** 'root' serves exactly one module at the root, as a seed deployment does. */
  mount: 'root' | 'prefixed';
  /** The relay's public URL; token audiences are checked against it (read per request). */
  publicUrl: string | (() => string);
  jwks: JwksCache;
  verified?: VerifiedTokens;
  clockToleranceSec: number;
  hs256Secret?: string | undefined;
  hs256RequireExp?: boolean;
  requestTimeoutMs: number;
  logger: Logger;
  version: string;
  /** Receives every answered protocol request (the server's statistics); the Lambda handler has none. */
  stats?: RelayStatsSink;
}

type Handler = (ctx: RelayContext<unknown>, body: unknown) => Promise<unknown>;

export async function registerRelay(app: FastifyInstance, o: RelayOptions): Promise<void> {
  if (o.mount === 'root' && o.modules.length !== 1) {
    throw new Error(`relay.mount = "root" serves exactly one module; ${o.modules.length} are enabled`);
  }
  for (const m of o.modules) {
    const prefix = o.mount === 'root' ? '' : `/relay/${m.name}`;
    await app.register(async (scope) => moduleRoutes(scope, m, o, prefix), { prefix });
  }
}

function moduleRoutes(app: FastifyInstance, m: RelayModule, o: RelayOptions, prefix: string): void {
  acceptAnyBody(app);
  answerOversized(app, o.logger);
  addServerTiming(app);
  if (o.stats) recordStats(app, o.stats, m.name, prefix);
  const audiences = () => {
    const base = (typeof o.publicUrl === 'function' ? o.publicUrl() : o.publicUrl).replace(/\/+$/, '');
    return prefix ? [base, `${base}${prefix}`] : [base];
  };
  const observables =
    (
      run: (ctx: RelayContext<unknown>, obs: ReturnType<typeof selectObservables>) => Promise<unknown>,
    ): Handler =>
    async (ctx, body) =>
      run(ctx, selectObservables(parseBody(observablesSchema, body), m.observableTypes, ctx.warn));

  const routes: Record<string, Handler> = {
    '/health': async (ctx) => {
      await m.health(ctx);
      return { status: 'ok' };
    },
    '/observe/observables': observables(async (ctx, obs) => (m.observe ? m.observe(ctx, obs) : {})),
    '/deliberate/observables': observables(async (ctx, obs) => (m.deliberate ? m.deliberate(ctx, obs) : {})),
    '/refer/observables': observables(async (ctx, obs) => (m.refer ? m.refer(ctx, obs) : [])),
    '/respond/observables': async (ctx, body) => {
      const obs = parseBody(observablesSchema, body);
      const selected = selectObservables(obs, m.respondTypes ?? m.observableTypes, ctx.warn);
      return m.respondObservables ? m.respondObservables(ctx, selected) : [];
    },
    '/respond/trigger': async (ctx, body) => {
      const params = parseBody(triggerSchema, body);
      try {
        return { status: m.respondTrigger ? await m.respondTrigger(ctx, params) : 'failure' };
      } catch (e) {
        // A failed action answers `{"data":{"status":"failure"},"errors":[…]}`, as the MDE relay does.
        throw e instanceof RelayError ? e.withData({ status: 'failure' }) : e;
      }
    },
    '/tiles': async (ctx) => (m.tiles ? m.tiles(ctx) : []),
    '/tiles/tile': async (ctx, body) => {
      const { tile_id } = parseBody(tileSchema, body);
      return m.tile ? m.tile(ctx, tile_id) : {};
    },
    '/tiles/tile-data': async (ctx, body) => {
      const { tile_id, period } = parseBody(tileDataSchema, body);
      return m.tileData ? m.tileData(ctx, tile_id, period) : {};
    },
  };

  for (const [url, handler] of Object.entries(routes)) {
    app.post(url, async (req, reply) => answer(req, reply, m, o, audiences, handler, url));
  }
  app.post('/version', async () => ({ version: o.version }));
  app.get('/watchdog', async (req) => {
    const check = req.headers['health-check'];
    if (typeof check !== 'string' || check === '') {
      return envelope(undefined, [
        { code: RELAY_CODES.HEALTH_CHECK, message: 'Invalid Health Check', type: 'fatal' },
      ]);
    }
    return { data: check };
  });
  // Known paths with the wrong method answer 405, as the seeds do (Fastify alone would say 404).
  const others = (allowed: string) =>
    (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter((x) => x !== allowed);
  for (const url of [...Object.keys(routes), '/version'])
    app.route({ method: others('POST'), url, handler: (_q, r) => notAllowed(r) });
  app.route({ method: others('GET'), url: '/watchdog', handler: (_q, r) => notAllowed(r) });
  if (prefix) app.setNotFoundHandler((_req, reply) => notFound(reply));
}

async function answer(
  req: FastifyRequest,
  reply: FastifyReply,
  m: RelayModule,
  o: RelayOptions,
  audiences: () => string[],
  handler: Handler,
  route: string,
): Promise<unknown> {
  const tally = o.stats ? new RequestTally() : undefined;
  const upstream = tally?.wait ?? new UpstreamWait();
  clocks.set(req, { started: performance.now(), upstream });
  const outcome: Outcome = { route, code: '', tally, upstreamFailed: false };
  outcomes.set(req, outcome);
  const notes: RelayErrorBody[] = [];
  const warn = (code: string, message: string) => notes.push({ code, message, type: 'warning' });
  const logger = o.logger.child({ relayModule: m.name, route: req.url });
  const deadlineAt = Date.now() + o.requestTimeoutMs;
  const closed = new AbortController();
  reply.raw.on('close', () => closed.abort(new Error('client went away')));
  try {
    const token = bearerToken(req.headers.authorization);
    const payload = await verifyRelayToken(token, {
      jwks: o.jwks,
      verified: o.verified,
      audiences: audiences(),
      clockToleranceSec: o.clockToleranceSec,
      hs256Secret: o.hs256Secret,
      hs256RequireExp: o.hs256RequireExp ?? true,
    });
    const claims = m.claims.safeParse(payload);
    if (!claims.success) throw authError(AUTH_MESSAGES.WRONG_PAYLOAD_STRUCTURE);
    const body = jsonBody(req.body);
    const signal = AbortSignal.any([AbortSignal.timeout(o.requestTimeoutMs), closed.signal]);
    const ctx = { claims: claims.data, signal, deadlineAt, upstream, logger, warn };
    const data = await (tally ? tally.run(() => handler(ctx, body)) : handler(ctx, body));
    return envelope(data, notes);
  } catch (e) {
    outcome.code = e instanceof RelayError && e.type === 'fatal' ? e.relayCode : RELAY_CODES.UNKNOWN;
    // A fatal answer after calling Graph or Defender is an upstream failure (auth fails before any call).
    outcome.upstreamFailed = (tally?.calls ?? 0) > 0;
    if (e instanceof RelayError) {
      if (e.relayCode === RELAY_CODES.AUTH) logger.info({ reason: e.message }, 'relay request refused');
      return envelope(e.data, [...notes, e.toBody()]);
    }
    logger.error({ err: e }, 'relay request failed');
    return envelope(undefined, [
      ...notes,
      { code: RELAY_CODES.UNKNOWN, message: 'Something went wrong.', type: 'fatal' },
    ]);
  }
}

interface Outcome {
  route: string;
  code: string;
  tally: RequestTally | undefined;
  upstreamFailed: boolean;
}

/** Per protocol request: what the statistics record once the answer is out. */
const outcomes = new WeakMap<FastifyRequest, Outcome>();

/**
 * Records each protocol request when its answer has been sent, with the final HTTP status. Requests
 * refused before the handler (oversized, 405) count under their route when it is a protocol route;
 * any other path counts as `(other)`, so hostile URLs cannot grow the table.
 */
function recordStats(app: FastifyInstance, stats: RelayStatsSink, module: string, prefix: string): void {
  app.addHook('onResponse', async function recordRelayStats(req, reply) {
    const known = outcomes.get(req);
    const path = (req.routeOptions.url ?? '').slice(prefix.length);
    const route = known?.route ?? (PROTOCOL_ROUTES.has(path) ? path : '(other)');
    stats.record({
      route,
      module,
      status: reply.statusCode,
      code: known?.code ?? '',
      ...(known?.tally ? { tally: known.tally } : {}),
      upstreamFailed: known?.upstreamFailed ?? false,
    });
  });
}

const PROTOCOL_ROUTES = new Set([
  '/health',
  '/observe/observables',
  '/deliberate/observables',
  '/refer/observables',
  '/respond/observables',
  '/respond/trigger',
  '/tiles',
  '/tiles/tile',
  '/tiles/tile-data',
  '/version',
  '/watchdog',
]);

/** Per relay request: when it started and its upstream clock, read when the answer is sent. */
const clocks = new WeakMap<FastifyRequest, { started: number; upstream: UpstreamWait }>();

/**
 * Adds `Server-Timing` to relay answers once they are serialised: where the request's time went,
 * for browsers' network panels, proxies and the relay benchmark.
 */
function addServerTiming(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const clock = clocks.get(req);
    if (clock)
      reply.header('server-timing', serverTiming(performance.now() - clock.started, clock.upstream.ms));
    return payload;
  });
}

/** `Server-Timing` of one answer: time waiting upstream and the relay's own share of the rest. */
export function serverTiming(totalMs: number, upstreamMs: number): string {
  const own = Math.max(0, totalMs - upstreamMs);
  return `upstream;dur=${upstreamMs.toFixed(2)}, app;dur=${own.toFixed(2)}`;
}
