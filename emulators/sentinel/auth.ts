// Who may upload to a workspace: a token we issued for the Azure management audience (the four
// spellings the docs accept), from the workspace's tenant, for an app holding Microsoft Sentinel
// Contributor on it. https://learn.microsoft.com/azure/sentinel/stix-objects-api#acquire-an-access-token
import { type CallerFailure, callerOf, type Principal } from '../identity/caller.js';
import type { EmulatorContext } from '../microsoft/context.js';
import type { Workspace } from './store.js';

/** "This API only accepts the following audiences". */
const AUDIENCES = new Set([
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
  'https://management.azure.com/',
  'https://management.azure.com',
]);

export const AUTH_MESSAGES: Record<CallerFailure | 'missing', string> = {
  missing: 'Access denied due to missing access token.',
  expired: 'The access token has expired.',
  invalid: 'The access token is invalid.',
  audience: 'The access token has an invalid audience.',
  tenant: 'The tenant of the access token is unknown.',
};

export type AuthOutcome =
  | { principal: Principal }
  | { failure: CallerFailure | 'missing' | 'wrong-tenant' | 'not-contributor' };

export async function authorize(
  ctx: EmulatorContext,
  authorization: string | undefined,
  ws: Workspace | undefined,
): Promise<AuthOutcome> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
  if (!token) return { failure: 'missing' };
  const caller = await callerOf(ctx, token, (aud) => AUDIENCES.has(aud));
  if ('failure' in caller) return caller;
  if (!ws) return caller;
  if (caller.principal.tenantId.toLowerCase() !== ws.tenantId) return { failure: 'wrong-tenant' };
  if (!ws.contributors.has(caller.principal.appId.toLowerCase())) return { failure: 'not-contributor' };
  return caller;
}
