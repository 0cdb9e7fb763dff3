// Puts the directory's write quota (write-limit.ts) in front of every directory route that writes, for
// direct calls and $batch items alike, and answers 429 the way Graph's identity service does.
// https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits
import { tooManyRequests } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import { accountsOf } from './accounts-state.js';

/** The routes with each write (anything but GET) counted against the caller's quota first. */
export function withWriteQuota(routes: GraphRoute[]): GraphRoute[] {
  return routes.map((route) =>
    route.method === 'GET'
      ? route
      : {
          ...route,
          handle: (ctx, call, params) => {
            const { appId, tenantId } = call.principal;
            const taken = accountsOf(ctx.state).writes.take(appId, tenantId);
            if (taken.ok) return route.handle(ctx, call, params);
            const r = tooManyRequests(call, String(taken.retryAfterSec));
            return {
              ...r,
              headers: {
                ...r.headers,
                'x-ms-throttle-scope': `Tenant_Application/Write/${appId}/${tenantId}`,
                'x-ms-throttle-information': 'WriteLimitExceeded',
              },
            };
          },
        },
  );
}
