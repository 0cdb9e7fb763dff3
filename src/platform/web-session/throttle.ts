// The sign-in throttle every instance shares: at most N failed sign-ins per client network and per
// user name in a sliding window. An attempt is written before the password is checked and counted
// after, so of many attempts at once on any number of instances no more than N get through: the
// k-th to count sees at least k rows. A refused attempt leaves no row, so hammering cannot grow the
// table or stretch the block; a success takes its rows back and clears the user name's failures.
import type { Kysely } from 'kysely';
import type { Database, Store } from '../db/index.js';
import { SignInThrottledError } from './errors.js';
import { parseOptions, type ThrottleOptions, throttleOptionsSchema } from './options.js';
import { ipKey, userNameKey } from './throttle-keys.js';
import { newToken } from './tokens.js';

export interface SignInThrottleOptions {
  perIp?: Partial<ThrottleOptions['perIp']>;
  perUserName?: Partial<ThrottleOptions['perUserName']>;
  /** Epoch milliseconds; tests inject one. */
  clock?: () => number;
}

export interface SignInAttempt {
  ip: string;
  userName: string;
}

/** Handed back by begin(); say how the attempt ended with succeeded() (a failure needs nothing). */
export interface AttemptTicket {
  readonly attempt: string;
  readonly userKey: string;
}

type Scope = 'ip' | 'user';

export class SignInThrottle {
  readonly #db: Kysely<Database>;
  readonly #clock: () => number;
  readonly #limits: Record<Scope, { max: number; windowMs: number }>;

  constructor(store: Pick<Store, 'db'>, opts: SignInThrottleOptions = {}) {
    const { clock, ...rest } = opts;
    const o = parseOptions('sign-in throttle', throttleOptionsSchema, rest);
    this.#db = store.db;
    this.#clock = clock ?? Date.now;
    this.#limits = {
      ip: { max: o.perIp.maxFailures, windowMs: o.perIp.windowSec * 1000 },
      user: { max: o.perUserName.maxFailures, windowMs: o.perUserName.windowSec * 1000 },
    };
  }

  /**
   * Call before checking the credentials. Throws GSOC_SESSION_THROTTLED (429, `retryAfterSec`) when
   * the address or the user name has used up its failures; otherwise the attempt counts as a failure
   * until succeeded() says otherwise, which also covers a process that dies halfway.
   */
  async begin(a: SignInAttempt): Promise<AttemptTicket> {
    const attempt = newToken();
    const keys: Record<Scope, string> = { ip: ipKey(a.ip), user: userNameKey(a.userName) };
    const now = this.#clock();
    await this.#db
      .insertInto('console_sign_in_attempts')
      .values([
        { attempt, scope: 'ip', key: keys.ip, at: now },
        { attempt, scope: 'user', key: keys.user, at: now },
      ])
      .execute();
    let refused: { scope: Scope; retryAfterSec: number } | undefined;
    for (const scope of ['ip', 'user'] as const) {
      const retryAfterSec = await this.#overLimit(scope, keys[scope], attempt, now);
      if (retryAfterSec !== undefined && (refused === undefined || retryAfterSec > refused.retryAfterSec))
        refused = { scope, retryAfterSec };
    }
    if (refused) {
      await this.#db.deleteFrom('console_sign_in_attempts').where('attempt', '=', attempt).execute();
      throw new SignInThrottledError(refused.scope, refused.retryAfterSec);
    }
    return { attempt, userKey: keys.user };
  }

  /** The credentials were right: the attempt was no failure, and the user name starts afresh. */
  async succeeded(t: AttemptTicket): Promise<void> {
    await this.#db
      .deleteFrom('console_sign_in_attempts')
      .where((eb) =>
        eb.or([eb('attempt', '=', t.attempt), eb.and([eb('scope', '=', 'user'), eb('key', '=', t.userKey)])]),
      )
      .execute();
  }

  /** Deletes attempts older than the longer window; how many. Housekeeping runs it now and then. */
  async purge(): Promise<number> {
    const longest = Math.max(this.#limits.ip.windowMs, this.#limits.user.windowMs);
    const r = await this.#db
      .deleteFrom('console_sign_in_attempts')
      .where('at', '<=', this.#clock() - longest)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Seconds until this attempt would be allowed, or undefined when it is allowed now. */
  async #overLimit(scope: Scope, key: string, attempt: string, now: number): Promise<number | undefined> {
    const { max, windowMs } = this.#limits[scope];
    const rows = await this.#db
      .selectFrom('console_sign_in_attempts')
      .select(['attempt', 'at'])
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('at', '>', now - windowMs)
      .orderBy('at')
      .orderBy('id')
      .execute();
    if (rows.length <= max) return undefined;
    // Another try gets through once fewer than `max` others remain in the window.
    const others = rows.filter((r) => r.attempt !== attempt);
    const leaving = others[others.length - max];
    const waitMs = leaving === undefined ? 0 : leaving.at + windowMs - now;
    return Math.max(1, Math.ceil(waitMs / 1000));
  }
}
