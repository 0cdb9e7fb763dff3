// Housekeeping: a work unit that prunes old lease history. One instance at a time runs it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from './platform/db/index.js';
import { LeaseStore, type WorkUnit } from './platform/leases/index.js';

export interface HousekeepingOptions {
  everyMs?: number;
  keepEventsDays?: number;
}

export function housekeepingUnit(store: Store, opts: HousekeepingOptions = {}): WorkUnit {
  const everyMs = opts.everyMs ?? 3_600_000;
  const keepMs = (opts.keepEventsDays ?? 30) * 86_400_000;
  const clock = new LeaseStore(store);
  return {
    name: 'housekeeping',
    async run({ signal, logger }) {
      while (!signal.aborted) {
        const cutoff = (await clock.now()) - keepMs;
        const r = await store.db.deleteFrom('lease_events').where('at', '<', cutoff).executeTakeFirst();
        const pruned = Number(r.numDeletedRows);
        if (pruned > 0) logger.info({ pruned }, 'pruned old lease events');
        await sleep(everyMs, undefined, { signal }).catch(() => undefined);
      }
    },
  };
}
