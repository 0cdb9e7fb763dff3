// Runs the work units this instance can get leases for: acquires free leases, renews held ones, and
// stops a unit's work when its lease is lost or can no longer be renewed in time (self-fencing).
// It never keeps the process alive on its own (timers are unref'd): the server does, and stop() ends it.
import type { Logger } from '../log.js';
import { LeaseOptionsError, UnitReturnedError } from './errors.js';
import type { LeaseStore } from './store.js';
import type { Lease, WorkUnit } from './types.js';

export interface LeaseRunnerOptions {
  store: LeaseStore;
  owner: string;
  units: readonly WorkUnit[];
  ttlMs: number;
  renewEveryMs: number;
  logger: Logger;
  /** Local monotonic clock in ms (default performance.now); tests inject one that follows mock timers. */
  monotonicNow?: () => number;
}

/** One unit's state: at most one store call in flight, at most one run. */
interface Slot {
  unit: WorkUnit;
  step: Promise<void> | undefined;
  held: Held | undefined;
  /** The run of a lease just given up, until it has returned; no new run starts before. */
  draining: Promise<void> | undefined;
  failures: number;
}

interface Held {
  lease: Lease;
  controller: AbortController;
  running: Promise<void> | undefined;
  fenceTimer: NodeJS.Timeout | undefined;
  restartAt: number | undefined;
}

const MAX_RESTART_DELAY_MS = 60_000;

/**
 * How long after sending its last successful renewal an owner keeps working without a newer one. The
 * margin before expiry covers stopping the work; it leaves room for at least one more renewal attempt.
 */
export function selfFenceAfterMs(ttlMs: number, renewEveryMs: number): number {
  const margin = Math.min(Math.max(renewEveryMs, ttlMs / 5), (ttlMs - renewEveryMs) / 2);
  return ttlMs - margin;
}

export class LeaseRunner {
  readonly #o: LeaseRunnerOptions;
  readonly #slots: Slot[];
  readonly #now: () => number;
  readonly #fenceAfterMs: number;
  #timer: NodeJS.Timeout | undefined;
  #stopped = true;

  constructor(opts: LeaseRunnerOptions) {
    const { ttlMs, renewEveryMs, units } = opts;
    if (!(Number.isSafeInteger(ttlMs) && Number.isSafeInteger(renewEveryMs) && renewEveryMs > 0)) {
      throw new LeaseOptionsError(
        `ttlMs and renewEveryMs must be positive integers, got ${ttlMs} and ${renewEveryMs}`,
      );
    }
    if (renewEveryMs * 2 > ttlMs) {
      throw new LeaseOptionsError(`renewEveryMs (${renewEveryMs}) must be at most half of ttlMs (${ttlMs})`);
    }
    const names = units.map((u) => u.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) throw new LeaseOptionsError(`two work units are named ${twice}`);
    this.#o = opts;
    this.#now = opts.monotonicNow ?? (() => performance.now());
    this.#fenceAfterMs = selfFenceAfterMs(ttlMs, renewEveryMs);
    this.#slots = units.map((unit) => ({
      unit,
      step: undefined,
      held: undefined,
      draining: undefined,
      failures: 0,
    }));
  }

  /** Tries to acquire every unit's lease now, then renews and retries every renewEveryMs. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#tick();
    this.#timer = setInterval(() => this.#tick(), this.#o.renewEveryMs);
    this.#timer.unref();
  }

  /** Names of the units whose lease this instance holds right now. */
  owned(): string[] {
    return this.#slots.filter((s) => s.held).map((s) => s.unit.name);
  }

  /** Aborts every unit, waits for their runs to return, then releases the leases for a quick handover. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    // An acquisition in flight finishes first (and releases what it got), so nothing slips past stop.
    await Promise.all(this.#slots.map((s) => s.step));
    const given = this.#slots.map((s) => this.#drop(s, 'the instance is stopping'));
    await Promise.all(this.#slots.map((s) => s.draining));
    await Promise.all(given.map((lease) => lease && this.#release(lease)));
  }

  #tick(): void {
    for (const slot of this.#slots) {
      // One store call per unit at a time: a slow database delays that unit only, never piles up calls.
      if (this.#stopped || slot.step) continue;
      slot.step = this.#step(slot)
        .catch((e: unknown) => {
          this.#o.logger.warn({ err: e, unit: slot.unit.name }, 'lease round failed; retrying next round');
        })
        .finally(() => {
          slot.step = undefined;
        });
    }
  }

  async #step(slot: Slot): Promise<void> {
    if (slot.held) return this.#renew(slot, slot.held);
    if (!slot.draining) return this.#acquire(slot);
  }

  async #acquire(slot: Slot): Promise<void> {
    const { store, owner, ttlMs, logger } = this.#o;
    const askedAt = this.#now();
    const lease = await store.tryAcquire(slot.unit.name, owner, ttlMs);
    if (!lease) return;
    if (this.#stopped) return this.#release(lease);
    const held: Held = {
      lease,
      controller: new AbortController(),
      running: undefined,
      fenceTimer: undefined,
      restartAt: undefined,
    };
    slot.held = held;
    this.#armFence(slot, held, askedAt);
    logger.info({ unit: slot.unit.name, epoch: lease.epoch }, 'lease acquired; starting work');
    this.#startRun(slot, held);
  }

  async #renew(slot: Slot, held: Held): Promise<void> {
    const { store, ttlMs, logger } = this.#o;
    const askedAt = this.#now();
    let renewed: Lease | undefined;
    try {
      renewed = await store.renew(held.lease, ttlMs);
    } catch (e) {
      logger.warn(
        { err: e, unit: slot.unit.name },
        'lease renewal failed; work stops if it cannot renew in time',
      );
      return;
    }
    if (slot.held !== held) return; // fenced or stopped while the renewal was under way
    if (!renewed) {
      logger.warn(
        { unit: slot.unit.name, epoch: held.lease.epoch },
        'lease lost to another instance; stopping work',
      );
      this.#drop(slot, 'the lease was lost');
      await store.recordLost(held.lease, 'renewal found the lease expired or taken').catch((e: unknown) => {
        logger.warn({ err: e, unit: slot.unit.name }, 'could not record the lost lease');
      });
      return;
    }
    held.lease = renewed;
    this.#armFence(slot, held, askedAt);
    if (!held.running && held.restartAt !== undefined && this.#now() >= held.restartAt)
      this.#startRun(slot, held);
  }

  /** Aborts the unit unless a renewal sent after `askedAt` succeeds before the lease could expire for others. */
  #armFence(slot: Slot, held: Held, askedAt: number): void {
    clearTimeout(held.fenceTimer);
    const delay = Math.max(0, askedAt + this.#fenceAfterMs - this.#now());
    held.fenceTimer = setTimeout(() => {
      if (slot.held !== held) return;
      this.#o.logger.warn(
        { unit: slot.unit.name, epoch: held.lease.epoch },
        'lease not renewed in time; stopping work',
      );
      this.#drop(slot, 'the lease could not be renewed in time');
    }, delay);
    held.fenceTimer.unref();
  }

  #startRun(slot: Slot, held: Held): void {
    const { unit } = slot;
    const { logger, renewEveryMs } = this.#o;
    const { signal } = held.controller;
    const startedAt = this.#now();
    held.restartAt = undefined;
    held.running = (async () =>
      unit.run({ signal, lease: held.lease, logger: logger.child({ unit: unit.name }) }))()
      .then(() => {
        if (!signal.aborted) throw new UnitReturnedError(unit.name);
      })
      .catch((e: unknown) => {
        held.running = undefined;
        if (signal.aborted) return; // errors while stopping are expected
        // A run that lasted a while earns a fresh backoff.
        if (this.#now() - startedAt > MAX_RESTART_DELAY_MS) slot.failures = 0;
        slot.failures++;
        const delay = Math.min(MAX_RESTART_DELAY_MS, renewEveryMs * 2 ** (slot.failures - 1));
        held.restartAt = this.#now() + delay;
        logger.error(
          { err: e, unit: unit.name, restartInMs: delay },
          'work unit failed; restarting while the lease is held',
        );
      });
  }

  /** Forgets the lease and aborts the run; returns the lease so a clean stop can release it. */
  #drop(slot: Slot, why: string): Lease | undefined {
    const held = slot.held;
    if (!held) return undefined;
    slot.held = undefined;
    clearTimeout(held.fenceTimer);
    held.controller.abort(new Error(`lease ${slot.unit.name}: ${why}`));
    if (held.running) {
      const draining = held.running.finally(() => {
        if (slot.draining === draining) slot.draining = undefined;
      });
      slot.draining = draining;
    }
    return held.lease;
  }

  async #release(lease: Lease): Promise<void> {
    await this.#o.store.release(lease).catch((e: unknown) => {
      this.#o.logger.warn({ err: e, unit: lease.name }, 'could not release lease; it expires on its own');
    });
  }
}
