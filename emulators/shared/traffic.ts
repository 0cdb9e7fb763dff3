// Fastify hooks every emulator listener shares: fault injection, response latency and the request log.
// The emulator supplies how to identify the caller and how to render a fault in its API's error shape.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FaultRule, type FaultStore, faultLatencyMs, terminalRule } from './faults.js';
import { delay } from './latency.js';
import { type RequestLog, splitUrl } from './request-log.js';

export interface Caller {
  appId?: string | undefined;
  tenantId?: string | undefined;
}

export interface RenderedFault {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as-is (for malformed bodies); an object as JSON. */
  body: unknown;
}

export interface TrafficOptions {
  listener: string;
  faults: FaultStore;
  log: RequestLog;
  /** Latency added to every response of this listener. */
  latencyMs: () => number;
  identify: (request: FastifyRequest) => Caller;
  renderFault: (rule: FaultRule & { id: string }, request: FastifyRequest) => RenderedFault;
  /** Paths that bypass faults, latency and the log. */
  controlPrefix?: string;
}

interface RequestState extends Caller {
  startedAt: number;
  time: string;
  faults: string[];
}

const states = new WeakMap<FastifyRequest, RequestState>();

/** Lets a handler record who called, once it knows better than identify() did. */
export function annotateCaller(request: FastifyRequest, caller: Caller): void {
  const state = states.get(request);
  if (!state) return;
  if (caller.appId !== undefined) state.appId = caller.appId;
  if (caller.tenantId !== undefined) state.tenantId = caller.tenantId;
}

export function installTraffic(app: FastifyInstance, opts: TrafficOptions): void {
  const controlPrefix = opts.controlPrefix ?? '/_emulator';
  const isControl = (request: FastifyRequest) => request.url.startsWith(controlPrefix);

  app.addHook('onRequest', async function recordArrival(request) {
    if (isControl(request)) return;
    states.set(request, { startedAt: performance.now(), time: new Date().toISOString(), faults: [] });
  });

  app.addHook('preHandler', async function injectFaults(request: FastifyRequest, reply: FastifyReply) {
    const state = states.get(request);
    if (!state) return;
    Object.assign(state, opts.identify(request));
    const { path } = splitUrl(request.url);
    const fired = opts.faults.forRequest({
      listener: opts.listener,
      method: request.method,
      path,
      appId: state.appId,
      tenantId: state.tenantId,
    });
    if (fired.length === 0) return;
    state.faults = fired.map((r) => r.id);
    await delay(faultLatencyMs(fired));
    const rule = terminalRule(fired);
    if (!rule) return;
    if (rule.resetConnection) {
      reply.hijack();
      logEntry(request, 0);
      request.raw.socket.destroy();
      return;
    }
    const rendered = opts.renderFault(rule, request);
    reply.code(rendered.status).headers(rendered.headers ?? {});
    if (typeof rendered.body === 'string') {
      reply.header('content-type', reply.getHeader('content-type') ?? 'application/json');
      return reply.send(rendered.body);
    }
    return reply.send(rendered.body);
  });

  // The entry is written before the answer leaves, so a client that has its answer always finds the
  // request in the log (onResponse fires too late for a test that reads the log right away).
  app.addHook('onSend', async function addLatencyAndLog(request, reply) {
    if (!states.has(request)) return;
    await delay(opts.latencyMs());
    logEntry(request, reply.statusCode);
  });

  // Requests that never reach onSend (connection reset by a fault) are logged here.
  app.addHook('onResponse', async function logResponse(request, reply) {
    logEntry(request, reply.statusCode);
  });

  function logEntry(request: FastifyRequest, status: number): void {
    const state = states.get(request);
    if (!state) return;
    states.delete(request);
    const { path, query } = splitUrl(request.url);
    opts.log.add({
      time: state.time,
      host: opts.listener,
      method: request.method,
      path,
      query,
      status,
      appId: state.appId,
      tenantId: state.tenantId,
      ...(state.faults.length > 0 ? { faults: state.faults } : {}),
      durationMs: Math.round((performance.now() - state.startedAt) * 100) / 100,
    });
  }
}
