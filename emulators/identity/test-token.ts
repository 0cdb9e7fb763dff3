// Mints an access token for an app without the token endpoint: the control API's POST /tokens and the
// handle's issueAccessToken, for tokens a client could not get (expired, other roles, other audience).
import type { EmulatorContext } from '../microsoft/context.js';
import { RESOURCES } from './tokens.js';

export interface IssueTokenOptions {
  tenantId: string;
  clientId: string;
  resource?: string;
  /** Defaults to the registered app's roles for the resource. */
  roles?: string[];
  lifetimeSec?: number;
  /** Shifts iat/nbf/exp by this many seconds (negative = in the past, for expired tokens). */
  offsetSec?: number;
}

export function issueTestToken(ctx: EmulatorContext, o: IssueTokenOptions): Promise<string> {
  const resource = o.resource ?? 'https://graph.microsoft.com';
  const tenantId = o.tenantId.toLowerCase();
  const app = ctx.state.findApp(tenantId, o.clientId);
  return ctx.signer.issue({
    tenantId,
    clientId: o.clientId.toLowerCase(),
    appDisplayName: app?.displayName,
    resource,
    roles: o.roles ?? app?.roles?.[RESOURCES[resource] ?? 'graph'] ?? [],
    lifetimeSec: o.lifetimeSec ?? ctx.settings.tokenLifetimeSec,
    offsetSec: o.offsetSec,
  });
}
