// What the accounts console reads and acts through, handed over by run/start.ts.
import type { AccountsConfig } from '../config.js';
import type { AccountsAudit } from '../store/audit.js';
import type { AccountImports } from '../store/imports.js';
import type { AccountRequests } from '../store/requests.js';

export interface AccountsConsoleDeps {
  requests: AccountRequests;
  audit: AccountsAudit;
  imports: AccountImports;
  config: AccountsConfig;
  clock?: () => number;
}
