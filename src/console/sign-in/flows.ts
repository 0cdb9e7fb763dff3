// Sign-ins under way, in the database so any instance can take the way back: one row per redirect to
// Entra, found by the SHA-256 of its state and taken exactly once (deleted as it is read), so a
// replayed or forged state finds nothing.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Store } from '../../platform/db/index.js';

/** A sign-in must come back within ten minutes (Entra's codes live as long). */
export const FLOW_TTL_MS = 10 * 60_000;

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

  async put(state: string, flow: Flow): Promise<void> {
    const now = this.#clock();
    await this.#db
      .insertInto('console_sign_in_flows')
      .values({
        state_hash: hashState(state),
        nonce: flow.nonce,
        code_verifier: flow.codeVerifier,
        return_path: flow.returnPath,
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
