// What a lease is and what a unit of owned work looks like.
import type { LeaseEventsTable } from '../db/index.js';
import type { Logger } from '../log.js';

export interface Lease {
  name: string;
  owner: string;
  /** Fencing token: grows by one on every acquisition by anyone, so a later owner always has a higher one. */
  epoch: number;
  /** Epoch milliseconds by the database clock on PostgreSQL, the local clock on SQLite. */
  acquiredAt: number;
  renewedAt: number;
  expiresAt: number;
}

/** One row of the lease history, as the table holds it (without its row id). */
export type LeaseEvent = Omit<LeaseEventsTable, 'id'>;

export interface WorkContext {
  /** Aborts when the lease is lost, cannot be renewed in time, or the instance stops. */
  signal: AbortSignal;
  /** The lease as acquired; pass `lease.epoch` along with writes that must be fenced. */
  lease: Lease;
  logger: Logger;
}

/** A named unit of background work (a mailbox, a feed) that one instance at a time may run. */
export interface WorkUnit {
  name: string;
  /** Started when this instance acquires the lease; must return soon after `signal` aborts. */
  run(ctx: WorkContext): Promise<void>;
}
