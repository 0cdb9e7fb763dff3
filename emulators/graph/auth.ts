// Bearer token checks in front of every Graph request: present, signed by us, for Graph, in its lifetime.
import { type CallerFailure, callerOf, type Principal } from '../identity/caller.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { type RequestIds, unauthenticated } from './errors.js';
import type { GraphResponse } from './types.js';

const GRAPH_AUDIENCES = new Set([
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
]);

const MESSAGES: Record<CallerFailure, string> = {
  expired: 'Access token has expired or is not yet valid.',
  invalid: 'Access token validation failure. Invalid signature.',
  audience: 'Access token validation failure. Invalid audience.',
  tenant: 'Access token validation failure. Invalid tenant.',
};

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
  const caller = await callerOf(ctx, token, (aud) => GRAPH_AUDIENCES.has(aud));
  if ('failure' in caller) return { response: unauthenticated(ids, MESSAGES[caller.failure]) };
  return caller;
}
