// The phishing job's part of the operator console (issue 14): its navigation, pages, actions, texts
// and overview part, as plain data for src/console/ to render (platform/feature/console.ts).
import type { ConsoleSection } from '../../platform/feature/console.js';
import { phishingActions } from './actions.js';
import { campaignPage } from './campaign-page.js';
import { campaignsPage } from './campaigns-page.js';
import type { PhishingConsoleDeps } from './deps.js';
import { mailboxesPage } from './mailboxes-page.js';
import { messages } from './messages.js';
import { phishingOverview } from './overview.js';
import { quarantinePage } from './quarantine-page.js';
import { reportPage } from './report-page.js';

export function phishingConsole(d: PhishingConsoleDeps): ConsoleSection {
  return {
    nav: [
      { path: '/phishing', title: 'nav.campaigns' },
      { path: '/phishing/quarantine', title: 'nav.quarantine' },
      { path: '/phishing/mailboxes', title: 'nav.mailboxes' },
    ],
    pages: [campaignsPage(d), campaignPage(d), reportPage(d), quarantinePage(d), mailboxesPage(d)],
    actions: phishingActions(d),
    messages,
    overview: (req) => phishingOverview(d, req),
  };
}
