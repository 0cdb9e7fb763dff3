// The retention job of stored phishing reports: a lease-owned unit (`phishing-retention`, one instance
// at a time) that deletes, once an hour, what phishing.retention.keepDays no longer keeps, and logs it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import type { WorkUnit } from '../../platform/leases/index.js';
import type { Logger } from '../../platform/log.js';
import { type Pruned, RetentionStore } from '../store/retention.js';

export interface RetentionOptions {
  /** Days a report or campaign is kept after its last activity; 0 keeps everything (no unit). */
  keepDays: number;
  /** Pause between passes (default one hour). */
  everyMs?: number;
  /** Most rows one statement removes (default 200). */
  batch?: number;
  /** Epoch ms; the clock the reports' own times were written by. */
  now?: () => number;
}

const DAY_MS = 86_400_000;
/** Campaigns named per log line, so a first pass over years of data does not write one huge line. */
const LOGGED_PER_LINE = 100;

/** The unit, or none when everything is kept. */
export function retentionUnits(db: Kysely<Database>, o: RetentionOptions): WorkUnit[] {
  if (o.keepDays === 0) return [];
  const store = new RetentionStore(db);
  const everyMs = o.everyMs ?? 3_600_000;
  const now = o.now ?? Date.now;
  return [
    {
      name: 'phishing-retention',
      async run({ signal, logger }) {
        while (!signal.aborted) {
          const before = now() - o.keepDays * DAY_MS;
          const pruned = await store.prune({ before, signal, ...(o.batch ? { batch: o.batch } : {}) });
          logPruned(logger, pruned, o.keepDays);
          // Aborting the pause rejects it; the loop condition then ends the run.
          await sleep(everyMs, undefined, { signal }).catch(() => undefined);
        }
      },
    },
  ];
}

function logPruned(logger: Logger, p: Pruned, keepDays: number): void {
  const { campaigns, campaignReports, retired, unfiled, quarantined } = p;
  if (campaigns.length + retired + unfiled + quarantined === 0) return;
  logger.info(
    { keepDays, campaigns: campaigns.length, campaignReports, retired, unfiled, quarantined },
    'deleted stored phishing reports past phishing.retention.keepDays',
  );
  for (let i = 0; i < campaigns.length; i += LOGGED_PER_LINE) {
    logger.info(
      { deleted: campaigns.slice(i, i + LOGGED_PER_LINE) },
      'deleted campaigns; graphsoc no longer updates their Archer records',
    );
  }
}
