// The /_emulator additions of the three Microsoft listeners: each service's own routes, plus the
// seed (which spans the directory, security data and a seed directory) and Graph's throttle.
import type { ControlRoutes } from '../shared/control-routes.js';
import type { DefenderState } from '../defender/store.js';
import { defenderControlRoutes } from '../defender/control.js';
import { accountsControlRoutes } from '../directory/accounts-control.js';
import { throttleSchema } from '../graph/throttle.js';
import { mailControlRoutes } from '../graph-mail/control.js';
import { tiControlRoutes } from '../graph-ti/control.js';
import { securityControlRoutes } from '../graph-security/control.js';
import { identityControlRoutes } from '../identity/control.js';
import type { EmulatorContext } from './context.js';
import { applySeed, seedSchema } from './seed.js';

export function microsoftControlRoutes(ctx: EmulatorContext, defender: DefenderState) {
  const services = [
    identityControlRoutes(ctx),
    securityControlRoutes(ctx),
    mailControlRoutes(ctx),
    defenderControlRoutes(defender),
    tiControlRoutes(ctx),
    accountsControlRoutes(ctx),
  ];
  return (routes: ControlRoutes): void => {
    routes.body('POST', '/seed', seedSchema, (b) => void applySeed(ctx.state, b));
    routes.body('PUT', '/throttle', throttleSchema, (b) => void ctx.throttle.configure(b));
    for (const register of services) register(routes);
  };
}
