// What housekeeping deletes for the accounts feature, each on one instance at a time: the portal's
// spent codes and ended sessions, expired status links, finished requests past `retention.requestDays`
// (a request whose account still exists is kept: it says who owns the account), audit entries and
// imports past `retention.auditDays`.
import type { Store } from '../../platform/db/index.js';
import type { AccountsConfig } from '../config.js';
import { portalPurges } from '../portal/purges.js';
import { AccountsAudit } from '../store/audit.js';
import { AccountImports } from '../store/imports.js';
import { AccountRequests } from '../store/requests.js';
import { StatusLinks } from '../store/status-links.js';

const DAY_MS = 86_400_000;

export function accountsPurges(d: {
  config: AccountsConfig;
  store: Store;
  clock?: () => number;
}): Array<{ name: string; run(): Promise<number> }> {
  const clock = d.clock ?? Date.now;
  const r = d.config.retention;
  const requests = new AccountRequests(d.store.db, clock);
  const audit = new AccountsAudit(d.store.db, clock);
  const links = new StatusLinks(d.store.db, clock);
  const imports = new AccountImports(d.store.db);
  return [
    ...portalPurges(d),
    { name: 'accounts_status_links', run: () => links.purge() },
    { name: 'accounts_requests', run: () => requests.purge(clock() - r.requestDays * DAY_MS) },
    { name: 'accounts_audit', run: () => audit.purge(clock() - r.auditDays * DAY_MS) },
    { name: 'accounts_imports', run: () => imports.purge(clock() - r.auditDays * DAY_MS) },
  ];
}
