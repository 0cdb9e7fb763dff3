// Bearer token checks in front of every Defender for Endpoint request: signed by us, for the
// WindowsDefenderATP audience, within its lifetime, tenant known; then the app roles an API needs.
import { type CallerFailure, callerOf, type Principal } from '../identity/caller.js';
import { RESOURCES } from '../identity/tokens.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { type DefenderResponse, defenderError, missingRoles } from './errors.js';

const MESSAGES: Record<CallerFailure, string> = {
  expired: 'The access token has expired.',
  invalid: 'The access token is invalid.',
  audience: 'The access token has an invalid audience.',
  tenant: 'The tenant of the access token is unknown.',
};

export async function authenticateDefender(
  ctx: EmulatorContext,
  authorization: string | undefined,
  requestId: string,
): Promise<{ principal: Principal } | { response: DefenderResponse }> {
  const unauthorized = (message: string) => ({
    response: defenderError(requestId, 401, 'Unauthorized', message),
  });
  const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1] ?? '';
  if (token === '') return unauthorized('Authorization header is missing or empty.');
  const caller = await callerOf(ctx, token, (aud) => RESOURCES[aud.replace(/\/+$/, '')] === 'defender');
  return 'failure' in caller ? unauthorized(MESSAGES[caller.failure]) : caller;
}

/** Undefined when the caller holds one of `anyOf`; otherwise the 403 Defender sends. */
export function requireRole(
  principal: Principal,
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
