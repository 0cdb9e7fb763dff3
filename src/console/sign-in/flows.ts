// Sign-ins under way, in the database so any instance can take the way back: one row per redirect to
// Entra, found by the SHA-256 of its state and taken exactly once (deleted as it is read), so a
// replayed or forged state finds nothing.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Store } from '../../platform/db/index.js';
import { ipKey, SignInThrottledError } from '../../platform/web-session/index.js';

/** A sign-in must come back within ten minutes (Entra's codes live as long). */
export const FLOW_TTL_MS = 10 * 60_000;

/**
 * Sign-ins under way per client network. /sign-in/start needs no session and writes a row, so
 * without a cap anyone could fill the table; a person, or an office behind one address, never has
 * this many sign-ins open at once.
 */
export const MAX_FLOWS_PER_IP = 30;

export interface Flow {
  nonce: string;
  codeVerifier: string;
  returnPath: string;
}

export const hashState = (state: string) => createHash('sha256').update(state, 'utf8').digest('base64url');

export class FlowStore {
  readonly #db: Kysely<Database>;
  readonly #clock: () => number;

  constructor(store: Pick<Store, 'db'>, clock: () => number = Date.now) {
    this.#db = store.db;
    this.#clock = clock;
  }

  /**
   * Stores a new flow of the client at `ip`; throws GSOC_SESSION_THROTTLED (429, with the seconds until
   * its oldest open flow expires) when that network has MAX_FLOWS_PER_IP open already.
   */
  async put(state: string, flow: Flow, ip: string): Promise<void> {
    const now = this.#clock();
    const key = ipKey(ip);
    const open = await this.#db
      .selectFrom('console_sign_in_flows')
      .select('expires_at')
      .where('ip_key', '=', key)
      .where('expires_at', '>', now)
      .orderBy('expires_at')
      .limit(MAX_FLOWS_PER_IP)
      .execute();
    if (open.length >= MAX_FLOWS_PER_IP)
      throw new SignInThrottledError(
        'ip',
        Math.max(1, Math.ceil((Number(open[0]?.expires_at) - now) / 1000)),
      );
    await this.#db
      .insertInto('console_sign_in_flows')
      .values({
        state_hash: hashState(state),
        nonce: flow.nonce,
        code_verifier: flow.codeVerifier,
        return_path: flow.returnPath,
        ip_key: key,
        created_at: now,
        expires_at: now + FLOW_TTL_MS,
      })
      .execute();
  }

  /**
   * The flow of `state`, deleted in the same statement: of two callbacks with one state, on one
   * instance or two, only one gets it. Undefined when unknown, taken already or expired.
   */
  async take(state: string): Promise<Flow | 'expired' | undefined> {
    if (state.length === 0 || state.length > 256) return undefined;
    const row = await this.#db
      .deleteFrom('console_sign_in_flows')
      .where('state_hash', '=', hashState(state))
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    if (this.#clock() >= row.expires_at) return 'expired';
    return { nonce: row.nonce, codeVerifier: row.code_verifier, returnPath: row.return_path };
  }

  /** Deletes flows past their ten minutes; how many. */
  async purge(): Promise<number> {
    const r = await this.#db
      .deleteFrom('console_sign_in_flows')
      .where('expires_at', '<=', this.#clock())
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
