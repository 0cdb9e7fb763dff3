// Housekeeping: a work unit that prunes old lease history. One instance at a time runs it, under the
// `housekeeping` lease.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../platform/db/index.js';
import { LeaseStore, type WorkUnit } from '../platform/leases/index.js';

export interface HousekeepingOptions {
  /** Pause between prunes (default one hour). */
  everyMs?: number;
  /** Lease events younger than this many days are kept (default 30). */
  keepEventsDays?: number;
}

const DAY_MS = 86_400_000;

export function housekeepingUnit(store: Store, opts: HousekeepingOptions = {}): WorkUnit {
  const everyMs = opts.everyMs ?? 3_600_000;
  const keepMs = (opts.keepEventsDays ?? 30) * DAY_MS;
  // Event times come from the lease clock (the database's on PostgreSQL), so the cutoff uses it too.
  const clock = new LeaseStore(store);
  return {
    name: 'housekeeping',
    async run({ signal, logger }) {
      while (!signal.aborted) {
        const cutoff = (await clock.now()) - keepMs;
        const r = await store.db.deleteFrom('lease_events').where('at', '<', cutoff).executeTakeFirst();
        const pruned = Number(r.numDeletedRows);
        if (pruned > 0) logger.info({ pruned }, 'pruned old lease events');
        // Aborting the pause rejects it; the loop condition then ends the run.
        await sleep(everyMs, undefined, { signal }).catch(() => undefined);
      }
    },
  };
}
