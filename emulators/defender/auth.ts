// Bearer token checks in front of every Defender for Endpoint request: signed by us, for the
// WindowsDefenderATP audience, within its lifetime, tenant known; then the app roles an API needs.
import type { EmulatorContext } from '../microsoft/context.js';
import { type DefenderResponse, defenderError, missingRoles } from './errors.js';
import { RESOURCES } from '../identity/tokens.js';

export interface DefenderPrincipal {
  appId: string;
  tenantId: string;
  roles: string[];
}

export async function authenticateDefender(
  ctx: EmulatorContext,
  authorization: string | undefined,
  requestId: string,
): Promise<{ principal: DefenderPrincipal } | { response: DefenderResponse }> {
  const unauthorized = (message: string) => ({
    response: defenderError(requestId, 401, 'Unauthorized', message),
  });
  const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1] ?? '';
  if (token === '') return unauthorized('Authorization header is missing or empty.');
  const result = await ctx.signer.verify(token);
  if ('failure' in result) {
    return unauthorized(
      result.failure === 'expired' ? 'The access token has expired.' : 'The access token is invalid.',
    );
  }
  const { claims } = result;
  const aud = typeof claims.aud === 'string' ? claims.aud.replace(/\/+$/, '') : '';
  if (RESOURCES[aud] !== 'defender') return unauthorized('The access token has an invalid audience.');
  if (!ctx.state.tenants.has(claims.tid)) return unauthorized('The tenant of the access token is unknown.');
  return { principal: { appId: claims.appid, tenantId: claims.tid, roles: claims.roles ?? [] } };
}

/** Undefined when the caller holds one of `anyOf`; otherwise the 403 Defender sends. */
export function requireRole(
  principal: DefenderPrincipal,
  anyOf: readonly string[],
  requestId: string,
): DefenderResponse | undefined {
  return anyOf.some((r) => principal.roles.includes(r)) ? undefined : missingRoles(requestId, anyOf);
}

/** Application permissions per API, from each API page's "Permissions" table. */
export const DEFENDER_ROLES = {
  readMachines: ['Machine.Read.All', 'Machine.ReadWrite.All'],
  isolate: ['Machine.Isolate'],
  scan: ['Machine.Scan'],
  readIndicators: ['Ti.Read.All', 'Ti.ReadWrite', 'Ti.ReadWrite.All'],
  writeIndicators: ['Ti.ReadWrite', 'Ti.ReadWrite.All'],
} as const;
