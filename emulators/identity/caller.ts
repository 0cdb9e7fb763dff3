// Who is calling, from the bearer token a Graph or Defender request carries: the one lookup of a
// request's app and tenant. Each listener turns a failure into its own 401 wording.
import { decodeJwt } from 'jose';
import type { FastifyRequest } from 'fastify';
import type { FaultRule } from '../shared/faults.js';
import type { RenderedFault, TrafficOptions } from '../shared/traffic.js';
import type { EmulatorContext } from '../microsoft/context.js';

export interface Principal {
  appId: string;
  tenantId: string;
  roles: string[];
}

export type CallerFailure = 'expired' | 'invalid' | 'audience' | 'tenant';

/** Verifies a token we issued (signature, lifetime), its audience, and that its tenant exists. */
export async function callerOf(
  ctx: EmulatorContext,
  token: string,
  isAudience: (aud: string) => boolean,
): Promise<{ principal: Principal } | { failure: CallerFailure }> {
  const result = await ctx.signer.verify(token);
  if ('failure' in result) return { failure: result.failure };
  const { claims } = result;
  if (typeof claims.aud !== 'string' || !isAudience(claims.aud)) return { failure: 'audience' };
  if (!ctx.state.tenants.has(claims.tid)) return { failure: 'tenant' };
  return { principal: { appId: claims.appid, tenantId: claims.tid, roles: claims.roles ?? [] } };
}

/** Reads app and tenant from a token without verifying it (for logs and fault matching only). */
export function peekCaller(authorization: string | undefined): { appId?: string; tenantId?: string } {
  const token = /^Bearer\s+(\S+)/i.exec(authorization ?? '')?.[1];
  if (!token) return {};
  try {
    const claims = decodeJwt(token);
    return {
      appId: typeof claims.appid === 'string' ? claims.appid : undefined,
      tenantId: typeof claims.tid === 'string' ? claims.tid : undefined,
    };
  } catch {
    return {};
  }
}

export function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' ? v : undefined;
}

/** Fault, latency and log hooks of a listener whose callers present a bearer token (Graph, Defender). */
export function bearerTraffic(
  ctx: EmulatorContext,
  listener: string,
  renderFault: (rule: FaultRule, request: FastifyRequest) => RenderedFault,
): TrafficOptions {
  return {
    listener,
    faults: ctx.faults,
    log: ctx.log,
    latencyMs: () => ctx.settings.latencyMs,
    identify: (request) => peekCaller(header(request, 'authorization')),
    renderFault,
  };
}
