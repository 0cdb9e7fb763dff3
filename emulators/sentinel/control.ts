// Sentinel additions to the /_emulator control API: register a workspace (with its contributors),
// change the request limit, read what a workspace holds and the counters.
import type { ControlRoutes } from '../shared/control-routes.js';
import { sentinelRateSchema } from './rate.js';
import type { SentinelState } from './store.js';
import { sentinelWorkspaceSchema } from './types.js';

export function sentinelControlRoutes(state: SentinelState) {
  return (routes: ControlRoutes): void => {
    routes.body('POST', '/sentinel/workspaces', sentinelWorkspaceSchema, (b) => void state.add(b));
    routes.body('PUT', '/sentinel/rate', sentinelRateSchema, (b) => void state.rate.configure(b));
    routes.app.get<{ Params: { id: string } }>('/sentinel/workspaces/:id/objects', async (request) => ({
      value: state.objectsOf(request.params.id),
    }));
    routes.app.get('/sentinel/requests', async () => state.counts);
  };
}
