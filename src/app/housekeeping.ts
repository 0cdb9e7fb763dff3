// Housekeeping: a work unit that prunes what only grows: old lease history, and whatever else the app
// hands it (ended console sessions and sign-in flows, old sign-in attempts, audit entries past their
// retention, old relay statistics and health history). One instance at a time runs it, under the
// `housekeeping` lease. A purge that fails is logged and tried again next round; the others still run.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../platform/db/index.js';
import { LeaseStore, type WorkUnit } from '../platform/leases/index.js';

/** One thing to prune: returns how many rows it deleted. */
export interface Purge {
  name: string;
  run(): Promise<number>;
}

export interface HousekeepingOptions {
  /** Pause between prunes (default one hour). */
  everyMs?: number;
  /** Lease events younger than this many days are kept (default 30). */
  keepEventsDays?: number;
  purges?: readonly Purge[];
}

const DAY_MS = 86_400_000;

export function housekeepingUnit(store: Store, opts: HousekeepingOptions = {}): WorkUnit {
  const everyMs = opts.everyMs ?? 3_600_000;
  const keepMs = (opts.keepEventsDays ?? 30) * DAY_MS;
  // Event times come from the lease clock (the database's on PostgreSQL), so the cutoff uses it too.
  const clock = new LeaseStore(store);
  const purges: Purge[] = [
    {
      name: 'lease events',
      async run() {
        const cutoff = (await clock.now()) - keepMs;
        const r = await store.db.deleteFrom('lease_events').where('at', '<', cutoff).executeTakeFirst();
        return Number(r.numDeletedRows);
      },
    },
    ...(opts.purges ?? []),
  ];
  return {
    name: 'housekeeping',
    async run({ signal, logger }) {
      while (!signal.aborted) {
        for (const p of purges) {
          if (signal.aborted) break;
          try {
            const pruned = await p.run();
            if (pruned > 0) logger.info({ pruned, what: p.name }, 'housekeeping pruned old rows');
          } catch (err) {
            logger.warn({ err, what: p.name }, 'housekeeping could not prune; trying again next round');
          }
        }
        // Aborting the pause rejects it; the loop condition then ends the run.
        await sleep(everyMs, undefined, { signal }).catch(() => undefined);
      }
    },
  };
}
