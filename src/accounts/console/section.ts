// The self-service accounts feature's part of the operator console (issue 15): requests and their
// decisions, bulk imports as jobs, the audit log, account expiry, the CSV downloads and the overview
// items, as plain data for src/console/ to render (platform/feature/console.ts).
import type { ConsoleSection } from '../../platform/feature/console.js';
import { compileTemplate } from '../policy/templates.js';
import { accountsActions } from './actions.js';
import { auditPage } from './audit-page.js';
import type { AccountsConsoleDeps } from './deps.js';
import { accountsDownloads } from './downloads.js';
import { expiryPage } from './expiry-page.js';
import { importPage } from './import-page.js';
import { importsPage } from './imports-page.js';
import { messages } from './messages.js';
import { accountsOverview } from './overview.js';
import { requestPage } from './request-page.js';
import { requestsPage } from './requests-page.js';

export function accountsConsole(d: AccountsConsoleDeps): ConsoleSection {
  const templates = new Map(d.config.templates.map((t) => [t.name, compileTemplate(t)]));
  return {
    nav: [{ path: '/accounts', title: 'nav.accounts' }],
    pages: [requestsPage(d), requestPage(d), importsPage(d), importPage(d), auditPage(d), expiryPage(d)],
    actions: accountsActions(d, templates),
    downloads: accountsDownloads(d),
    messages,
    overview: (req) => accountsOverview(d, req),
  };
}
