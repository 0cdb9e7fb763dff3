// `[accounts]` as the app composes it: the section's schema (config.ts), the check that its tenant
// is a configured `[[tenants]]` entry, and whether the feature runs.
import type { PlatformConfig } from '../platform/config/index.js';
import type { FeatureConfig } from '../platform/feature/index.js';
import { type AccountsConfig, accountsSchema } from './config.js';

export type AccountsAppConfig = PlatformConfig & { accounts: AccountsConfig };

export const accountsConfig: FeatureConfig<AccountsAppConfig> = {
  sections: { accounts: accountsSchema },
  enabled: (c) => c.accounts.enabled,
  check(c, issue) {
    const tenants = new Set(c.tenants.map((t) => t.name));
    const t = c.accounts.tenant;
    if (t !== undefined && !tenants.has(t))
      issue(
        ['accounts', 'tenant'],
        `expected the name of a [[tenants]] entry (${[...tenants].join(', ') || 'none configured'}); found "${t}"`,
      );
  },
};
