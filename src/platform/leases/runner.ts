// Runs the work units this instance can get leases for: acquires free leases, renews held ones, and
// stops a unit's work when its lease is lost or can no longer be renewed in time (self-fencing).
import type { Logger } from '../log.js';
import type { LeaseStore } from './store.js';
import type { Lease, WorkUnit } from './types.js';

export interface LeaseRunnerOptions {
  store: LeaseStore;
  owner: string;
  units: readonly WorkUnit[];
  ttlMs: number;
  renewEveryMs: number;
  logger: Logger;
}

interface Held {
  lease: Lease;
  controller: AbortController;
  running: Promise<void>;
  /** Local monotonic time after which this instance must consider the lease gone. */
  fenceAt: number;
  fenceTimer: NodeJS.Timeout | undefined;
  /** Consecutive early exits of `run`, for the restart backoff. */
  failures: number;
  restartAt: number | undefined;
}

const MAX_RESTART_DELAY_MS = 60_000;

export class LeaseRunner {
  readonly #o: LeaseRunnerOptions;
  readonly #held = new Map<string, Held>();
  readonly #margin: number;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> | undefined;
  #stopped = false;

  constructor(opts: LeaseRunnerOptions) {
    this.#o = opts;
    // Stop work this long before the lease would expire, to absorb a slow renewal round trip.
    this.#margin = Math.max(opts.renewEveryMs, opts.ttlMs / 5);
  }

  start(): void {
    this.#stopped = false;
    const tick = () => {
      this.#tick ??= this.#round().finally(() => {
        this.#tick = undefined;
      });
    };
    tick();
    this.#timer = setInterval(tick, this.#o.renewEveryMs);
  }

  /** Names of the units whose lease this instance holds right now. */
  owned(): string[] {
    return [...this.#held.keys()];
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#tick;
    await Promise.all([...this.#held.keys()].map((name) => this.#drop(name, 'stopping', true)));
  }

  async #round(): Promise<void> {
    for (const unit of this.#o.units) {
      if (this.#stopped) return;
      try {
        const held = this.#held.get(unit.name);
        if (held) await this.#renew(unit, held);
        else await this.#acquire(unit);
      } catch (e) {
        this.#o.logger.warn({ err: e, unit: unit.name }, 'lease round failed; retrying next round');
      }
    }
  }

  async #acquire(unit: WorkUnit): Promise<void> {
    const askedAt = performance.now();
    const lease = await this.#o.store.tryAcquire(unit.name, this.#o.owner, this.#o.ttlMs);
    if (!lease) return;
    if (this.#stopped) {
      await this.#o.store.release(lease);
      return;
    }
    const controller = new AbortController();
    const held: Held = {
      lease,
      controller,
      running: Promise.resolve(),
      fenceAt: 0,
      fenceTimer: undefined,
      failures: 0,
      restartAt: undefined,
    };
    this.#held.set(unit.name, held);
    this.#armFence(unit.name, held, askedAt);
    this.#o.logger.info({ unit: unit.name, epoch: lease.epoch }, 'lease acquired; starting work');
    this.#startRun(unit, held);
  }

  async #renew(unit: WorkUnit, held: Held): Promise<void> {
    const askedAt = performance.now();
    let renewed: Lease | undefined;
    try {
      renewed = await this.#o.store.renew(held.lease, this.#o.ttlMs);
    } catch (e) {
      this.#o.logger.warn(
        { err: e, unit: unit.name },
        'lease renewal failed; work stops if it cannot renew in time',
      );
      return;
    }
    if (this.#held.get(unit.name) !== held) return;
    if (!renewed) {
      this.#o.logger.warn(
        { unit: unit.name, epoch: held.lease.epoch },
        'lease lost to another instance; stopping work',
      );
      await this.#drop(unit.name, 'lost', false);
      await this.#o.store
        .recordLost(held.lease, 'renewal found the lease expired or taken')
        .catch(() => undefined);
      return;
    }
    held.lease = renewed;
    this.#armFence(unit.name, held, askedAt);
    const now = performance.now();
    if (held.restartAt !== undefined && now >= held.restartAt) this.#startRun(unit, held);
  }

  /** Aborts the unit if no renewal succeeds before the lease could expire for the other instances. */
  #armFence(name: string, held: Held, askedAt: number): void {
    clearTimeout(held.fenceTimer);
    held.fenceAt = askedAt + this.#o.ttlMs - this.#margin;
    held.fenceTimer = setTimeout(
      () => {
        if (this.#held.get(name) !== held) return;
        this.#o.logger.warn(
          { unit: name, epoch: held.lease.epoch },
          'lease not renewed in time; stopping work',
        );
        void this.#drop(name, 'fenced', false);
      },
      Math.max(0, held.fenceAt - performance.now()),
    );
    held.fenceTimer.unref();
  }

  #startRun(unit: WorkUnit, held: Held): void {
    held.restartAt = undefined;
    const { signal } = held.controller;
    held.running = unit
      .run({ signal, lease: held.lease, logger: this.#o.logger.child({ unit: unit.name }) })
      .then(() => {
        if (!signal.aborted) throw new Error('work unit returned while it still held its lease');
      })
      .catch((e: unknown) => {
        if (signal.aborted) return;
        held.failures++;
        const delay = Math.min(MAX_RESTART_DELAY_MS, this.#o.renewEveryMs * 2 ** held.failures);
        held.restartAt = performance.now() + delay;
        this.#o.logger.error({ err: e, unit: unit.name, restartInMs: delay }, 'work unit failed; restarting');
      });
  }

  async #drop(name: string, why: string, release: boolean): Promise<void> {
    const held = this.#held.get(name);
    if (!held) return;
    this.#held.delete(name);
    clearTimeout(held.fenceTimer);
    held.controller.abort(new Error(`lease ${name}: ${why}`));
    await held.running;
    if (release) {
      await this.#o.store.release(held.lease).catch((e: unknown) => {
        this.#o.logger.warn({ err: e, unit: name }, 'could not release lease; it expires on its own');
      });
    }
  }
}
