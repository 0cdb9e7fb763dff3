// A phishing console over a test database, and a request as the console shell would hand one over.
import type { ConsoleRequest, ConsoleSection } from '../../../src/platform/feature/console.js';
import { KvState } from '../../../src/platform/db/index.js';
import type { Store } from '../../../src/platform/db/index.js';
import { can, type Role } from '../../../src/platform/web-session/index.js';
import { archerLinks, messages, phishingConsole } from '../../../src/phishing/console/index.js';
import { MailboxHealthBoard } from '../../../src/phishing/pipeline/mailbox-health.js';
import { ConsoleQueries } from '../../../src/phishing/store/console-queries.js';
import { ReportStore } from '../../../src/phishing/store/index.js';

export const NOW = Date.UTC(2026, 3, 14, 12, 0, 0);

export function consoleOver(store: Store, now = NOW): ConsoleSection {
  const kv = new KvState(store.db);
  return phishingConsole({
    db: store.db,
    reports: new ReportStore(store.db, () => now),
    queries: new ConsoleQueries(store.db),
    mailboxes: [{ mailbox: 'phish@contoso.com', folder: 'inbox', tenant: 'contoso' }] as never,
    kv,
    health: new MailboxHealthBoard(kv, () => now),
    archer: archerLinks('https://archer.example.com/RSAArcher', async () => 75),
    now: () => now,
  });
}

export function request(
  o: {
    params?: Record<string, string>;
    query?: Record<string, string>;
    locale?: 'en' | 'de';
    roles?: Role[];
  } = {},
): ConsoleRequest {
  const locale = o.locale ?? 'en';
  const roles = o.roles ?? ['analyst'];
  return {
    params: o.params ?? {},
    query: o.query ?? {},
    locale,
    t: (id, vars) => {
      const text = messages[locale][id];
      if (text === undefined) throw new Error(`no message ${id}`);
      return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars?.[k] ?? `{${k}}`));
    },
    user: { subject: 'tester', name: 'Tester', roles },
    can: (a) => can(roles, a),
  };
}

export function page(section: ConsoleSection, path: string) {
  const p = section.pages.find((x) => x.path === path);
  if (!p) throw new Error(`no page ${path}`);
  return p;
}

export function action(section: ConsoleSection, path: string) {
  const a = section.actions?.find((x) => x.path === path);
  if (!a) throw new Error(`no action ${path}`);
  return a;
}
