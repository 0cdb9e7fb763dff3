// What a lease is and what a unit of owned work looks like.
import type { Logger } from '../log.js';

export interface Lease {
  name: string;
  owner: string;
  /** Fencing token; a higher epoch always means a later owner. */
  epoch: number;
  acquiredAt: number;
  renewedAt: number;
  expiresAt: number;
}

export interface LeaseEvent {
  name: string;
  owner: string;
  epoch: number;
  event: 'acquired' | 'taken-over' | 'released' | 'lost';
  at: number;
  detail: string | null;
}

export interface WorkContext {
  /** Aborts when the lease is lost, cannot be renewed in time, or the instance stops. */
  signal: AbortSignal;
  lease: Lease;
  logger: Logger;
}

/** A named unit of background work (a mailbox, a feed) that one instance at a time may run. */
export interface WorkUnit {
  name: string;
  /** Started when this instance acquires the lease; must return soon after `signal` aborts. */
  run(ctx: WorkContext): Promise<void>;
}
