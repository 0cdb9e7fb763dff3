// Security additions to the /_emulator control API: seed alerts/incidents/legacy alerts (or generate
// synthetic ones) per tenant, and tune the advanced hunting call quota.
import type { ControlRoutes } from '../shared/control-routes.js';
import { throttleSchema } from '../graph/throttle.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { applySecuritySeed, securitySeedSchema } from './seed.js';

export function securityControlRoutes(ctx: EmulatorContext) {
  return (routes: ControlRoutes): void => {
    routes.body('POST', '/security', securitySeedSchema, (b) => void applySecuritySeed(ctx.state, b));
    routes.body('PUT', '/security/hunting-throttle', throttleSchema, (b) => {
      ctx.state.security.huntingThrottle.configure(b);
    });
  };
}
