// tiIndicators additions to the /_emulator control API: a tenant's indicators with their counts per
// externalId, and Defender's per-tenant limit.
import { z } from 'zod';
import type { ControlRoutes } from '../shared/control-routes.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { tiHandle } from './handle.js';

const limitBody = z.object({ perTenant: z.number().int().min(0).max(1_000_000) }).strict();

export function tiControlRoutes(ctx: EmulatorContext) {
  const api = tiHandle(ctx);
  return (routes: ControlRoutes): void => {
    routes.app.get<{ Params: { tenantId: string } }>('/ti-indicators/:tenantId', async (request) => ({
      value: api.tiIndicators(request.params.tenantId),
      counts: api.tiIndicatorCounts(request.params.tenantId),
    }));
    routes.body('PUT', '/ti-indicators/limit', limitBody, (b) => void api.setTiIndicatorLimit(b.perTenant));
  };
}
