// One report mailbox as a lease-owned unit of work: only the instance holding `phishing:<mailbox>`
// reads and processes it. Each round: renew the change subscription when a public URL exists, run a
// delta round, process every due report; then wait for the poll interval, a notification (any
// instance's webhook sets the folder's poke in the database) or the next due retry.
import { setTimeout as sleep } from 'node:timers/promises';
import type { KvState } from '../../platform/db/index.js';
import type { WorkUnit } from '../../platform/leases/index.js';
import type { PhishingConfig } from '../../platform/config/index.js';
import { folderKey, type WatchedFolder } from '../ingest/folders.js';
import { syncFolder } from '../ingest/folder-sync.js';
import type { MailSubscriptions } from '../ingest/subscriptions.js';
import { type ProcessDeps, processReport } from './process-report.js';

type Mailbox = PhishingConfig['mailboxes'][number];

export const pokeKey = (f: WatchedFolder) => `phishing:poke:${folderKey(f)}`;

/** How often the owner looks for a poke between rounds. */
const POKE_CHECK_MS = 2000;

export interface MailboxUnitDeps {
  mailbox: Mailbox;
  process: ProcessDeps;
  kv: KvState;
  pollEveryMs: number;
  subscriptions?: MailSubscriptions | undefined;
  /** Before the first round: e.g. the Archer mapping check. */
  ready(): Promise<void>;
}

export function mailboxUnit(d: MailboxUnitDeps): WorkUnit {
  const folder: WatchedFolder = { mailbox: d.mailbox.mailbox, folder: d.mailbox.folder };
  return {
    name: `phishing:${d.mailbox.mailbox.toLowerCase()}`,
    async run({ signal, logger }) {
      const log = logger.child({ mailbox: d.mailbox.mailbox });
      let lastPoke = (await d.kv.get(pokeKey(folder))) ?? '';
      while (!signal.aborted) {
        const roundStarted = Date.now();
        try {
          await d.ready();
          if (d.subscriptions) await d.subscriptions.ensure(folder);
          const synced = await syncFolder(d.process.graph, d.process.reports, d.kv, folder, { signal });
          if (synced.added > 0) log.info({ added: synced.added }, 'new reports');
          for (const r of await d.process.reports.due(200, d.mailbox.mailbox)) {
            if (signal.aborted) break;
            const state = await processReport(d.process, d.mailbox, r);
            if (state === 'quarantined') log.warn({ report: r.id }, 'report quarantined');
          }
        } catch (err) {
          log.error({ err }, 'mailbox round failed; the next round tries again');
        }
        // Wait for the poll interval, a poke, or a report becoming due.
        while (!signal.aborted && Date.now() - roundStarted < d.pollEveryMs) {
          await sleep(POKE_CHECK_MS, undefined, { signal }).catch(() => undefined);
          const poke = (await d.kv.get(pokeKey(folder)).catch(() => lastPoke)) ?? '';
          if (poke !== lastPoke) {
            lastPoke = poke;
            break;
          }
          if ((await d.process.reports.due(1, d.mailbox.mailbox).catch(() => [])).length > 0) break;
        }
      }
    },
  };
}
