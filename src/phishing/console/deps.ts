// What the phishing console reads and acts through, handed over by run/start.ts.
import type { Kysely } from 'kysely';
import type { Database, KvState } from '../../platform/db/index.js';
import type { PhishingConfig } from '../config.js';
import type { MailboxHealthBoard } from '../pipeline/mailbox-health.js';
import type { ConsoleQueries } from '../store/console-queries.js';
import type { ReportStore } from '../store/index.js';
import type { ArcherLinks } from './archer-link.js';

export interface PhishingConsoleDeps {
  db: Kysely<Database>;
  reports: ReportStore;
  queries: ConsoleQueries;
  mailboxes: PhishingConfig['mailboxes'];
  kv: KvState;
  health: MailboxHealthBoard;
  archer: ArcherLinks;
  now?: () => number;
}
