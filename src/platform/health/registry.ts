// Readiness checks: the database is checked on every /readyz call; outside dependencies (each
// tenant's token and Graph) are probed in the background, so a probe never waits on Microsoft.
import type { Logger } from 'pino';
import type { HealthRecorder, RecordedState } from './history.js';

export interface DependencyCheck {
  /** Stable name shown on /readyz and the dashboard, e.g. `tenant:contoso:graph`. */
  name: string;
  /** Resolves when healthy; throws an error whose message (secret-free) says what is wrong. */
  check(signal: AbortSignal): Promise<void>;
}

export type CheckState = 'unknown' | 'ok' | 'failing';

export interface CheckStatus {
  name: string;
  state: CheckState;
  /** Error code and message of the last failure. */
  error?: { code?: string; message: string };
  checkedAt?: string;
  durationMs?: number;
}

export interface HealthRegistryOptions {
  everyMs: number;
  timeoutMs?: number;
  logger?: Pick<Logger, 'warn' | 'info'>;
  /** Remembers each state change (the console's outage history); without one nothing is kept. */
  recorder?: HealthRecorder;
  /** Epoch ms for the recorded changes (tests drive it). */
  now?: () => number;
}

export class HealthRegistry {
  readonly #checks: DependencyCheck[] = [];
  readonly #status = new Map<string, CheckStatus>();
  readonly #opts: Required<Omit<HealthRegistryOptions, 'logger' | 'recorder'>> &
    Pick<HealthRegistryOptions, 'logger' | 'recorder'>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(opts: HealthRegistryOptions) {
    this.#opts = { timeoutMs: 15_000, now: Date.now, ...opts };
  }

  add(check: DependencyCheck): void {
    this.#checks.push(check);
    this.#status.set(check.name, { name: check.name, state: 'unknown' });
  }

  has(name: string): boolean {
    return this.#status.has(name);
  }

  statuses(): CheckStatus[] {
    return this.#checks.map((c) => this.#status.get(c.name) ?? { name: c.name, state: 'unknown' });
  }

  /** Runs every check once, concurrently; a second call while one runs waits for it. */
  runOnce(): Promise<void> {
    this.#running ??= Promise.all(this.#checks.map((c) => this.#runCheck(c))).then(
      () => {
        this.#running = undefined;
      },
      () => {
        this.#running = undefined;
      },
    );
    return this.#running;
  }

  start(): void {
    void this.runOnce();
    this.#timer = setInterval(() => void this.runOnce(), this.#opts.everyMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  async #runCheck(c: DependencyCheck): Promise<void> {
    const started = performance.now();
    const previous = this.#status.get(c.name)?.state;
    try {
      await c.check(AbortSignal.timeout(this.#opts.timeoutMs));
      this.#status.set(c.name, {
        name: c.name,
        state: 'ok',
        checkedAt: new Date().toISOString(),
        durationMs: Math.round(performance.now() - started),
      });
      if (previous === 'failing') this.#opts.logger?.info({ check: c.name }, 'dependency recovered');
      if (previous !== 'ok') await this.#record(c.name, 'ok');
    } catch (e) {
      const err = e as { code?: unknown; message?: unknown };
      const error = {
        ...(typeof err.code === 'string' ? { code: err.code } : {}),
        message: typeof err.message === 'string' ? err.message : String(e),
      };
      this.#status.set(c.name, {
        name: c.name,
        state: 'failing',
        error,
        checkedAt: new Date().toISOString(),
        durationMs: Math.round(performance.now() - started),
      });
      if (previous !== 'failing') {
        this.#opts.logger?.warn({ check: c.name, err: error }, 'dependency failing');
        await this.#record(c.name, 'failing', error.code);
      }
    }
  }

  /**
   * Writes a state change, including the first one after start (unknown → ok closes an outage an
   * instance that stopped while failing left open). The history is for people: a write that fails is
   * logged and the check goes on.
   */
  async #record(name: string, state: RecordedState, code?: string): Promise<void> {
    const recorder = this.#opts.recorder;
    if (!recorder) return;
    try {
      await recorder.transition(name, state, this.#opts.now(), code);
    } catch (e) {
      this.#opts.logger?.warn({ check: name, err: e }, 'dependency state change not recorded');
    }
  }
}
