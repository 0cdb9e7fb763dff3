// Bearer token checks in front of every Graph request: present, signed by us, for Graph, in its lifetime.
import { decodeJwt } from 'jose';
import type { EmulatorContext } from '../microsoft/context.js';
import { type RequestIds, unauthenticated } from './errors.js';
import type { GraphResponse, Principal } from './types.js';

const GRAPH_AUDIENCES = new Set([
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
]);

export async function authenticate(
  ctx: EmulatorContext,
  authorization: string | undefined,
  ids: RequestIds,
): Promise<{ principal: Principal } | { response: GraphResponse }> {
  const m = /^Bearer\s+(.*)$/i.exec(authorization?.trim() ?? '');
  const token = m?.[1]?.trim() ?? '';
  if (token === '') return { response: unauthenticated(ids, 'Access token is empty.') };
  if (token.split('.').length !== 3) {
    return { response: unauthenticated(ids, 'IDX14100: JWT is not well formed, there are no dots (.).') };
  }
  const result = await ctx.signer.verify(token);
  if ('failure' in result) {
    const message =
      result.failure === 'expired'
        ? 'Access token has expired or is not yet valid.'
        : 'Access token validation failure. Invalid signature.';
    return { response: unauthenticated(ids, message) };
  }
  const { claims } = result;
  if (typeof claims.aud !== 'string' || !GRAPH_AUDIENCES.has(claims.aud)) {
    return { response: unauthenticated(ids, 'Access token validation failure. Invalid audience.') };
  }
  if (!ctx.state.tenants.has(claims.tid)) {
    return { response: unauthenticated(ids, 'Access token validation failure. Invalid tenant.') };
  }
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
