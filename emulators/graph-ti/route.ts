// How every tiIndicators route is declared: the one permission it takes, beta only (v1.0 has no such
// segment), and the path's id handed to the handler.
// https://learn.microsoft.com/graph/permissions-reference#threatindicatorsreadwriteownedby
import { badRequest } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import type { EmulatorContext } from '../microsoft/context.js';

export const TI_ROLES = ['ThreatIndicators.ReadWrite.OwnedBy'];

export type TiHandler = (ctx: EmulatorContext, call: GraphCall, id: string) => GraphResponse;

function betaOnly(call: GraphCall): GraphResponse | undefined {
  if (call.version === 'beta') return undefined;
  return badRequest(call, "Resource not found for the segment 'tiIndicators'.", 'BadRequest');
}

export function tiRoute(method: string, pattern: RegExp, handler: TiHandler): GraphRoute {
  return {
    method,
    pattern,
    roles: TI_ROLES,
    handle: (ctx, call, params) => betaOnly(call) ?? handler(ctx, call, params.id ?? ''),
  };
}
