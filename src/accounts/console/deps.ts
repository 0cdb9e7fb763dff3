// What the accounts console reads and acts through, handed over by run/start.ts.
import type { AccountsConfig } from '../config.js';
import type { AccountsAudit } from '../store/audit.js';
import type { AccountImports } from '../store/imports.js';
import type { RequestStats } from '../store/request-stats.js';
import type { AccountRequests } from '../store/requests.js';

export interface AccountsConsoleDeps {
  requests: AccountRequests;
  audit: AccountsAudit;
  imports: AccountImports;
  config: AccountsConfig;
  /** For the overview's chart of requests filed per day; no chart without it. */
  stats?: RequestStats;
  clock?: () => number;
}
