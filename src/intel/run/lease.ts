// Holding a lease for the length of one piece of intel work (a source's read, a pair's
// reconciliation), renewed while it runs. The serve units and `graphsoc intel sync` take the same
// leases, so a manual run never overlaps the scheduled one: two runs at once could send one Graph
// batch twice.
import type { LeaseStore } from '../../platform/leases/index.js';

export const LEASE_TTL_MS = 120_000;

export const readLease = (source: string): string => `intel:read:${source}`;
export const pairLease = (source: string, sink: string): string => `intel:${source}:${sink}`;

export interface HeldLease {
  /** Aborts when a renewal fails: the work must stop, another instance may take over. */
  signal: AbortSignal;
  release(): Promise<void>;
}

/** The lease if it is free (undefined when another owner holds it), renewed every third of its TTL. */
export async function holdLease(
  leases: LeaseStore,
  name: string,
  owner: string,
  parent?: AbortSignal,
  ttlMs = LEASE_TTL_MS,
): Promise<HeldLease | undefined> {
  let lease = await leases.tryAcquire(name, owner, ttlMs);
  if (!lease) return undefined;
  const lost = new AbortController();
  const signal = parent ? AbortSignal.any([parent, lost.signal]) : lost.signal;
  const timer = setInterval(() => {
    if (!lease) return;
    leases.renew(lease, ttlMs).then(
      (renewed) => {
        if (renewed) lease = renewed;
        else lost.abort(new Error(`lease ${name} was lost`));
      },
      (e) => lost.abort(e),
    );
  }, ttlMs / 3);
  timer.unref();
  return {
    signal,
    release: async () => {
      clearInterval(timer);
      if (lease) await leases.release(lease).catch(() => undefined);
      lease = undefined;
    },
  };
}

/** Who holds a lease now, for the busy message. */
export async function holderOf(leases: LeaseStore, name: string): Promise<string> {
  const all = await leases.list();
  return all.find((l) => l.name === name)?.owner ?? 'another instance';
}
