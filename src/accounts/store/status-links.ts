// The status link mailed with each request and each notice: a random token in the URL, only its
// SHA-256 here, valid until the retention of requests ends. It shows the person their own requests
// and nothing more; seeing a credential takes a fresh code as well (portal).
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { hashToken, newSecretToken } from './secret-token.js';
import { type AccountsDb, accountsDb } from './tables.js';

export class StatusLinks {
  readonly #db: AccountsDb;
  readonly #clock: () => number;
  constructor(db: Kysely<Database>, clock: () => number = Date.now) {
    this.#db = accountsDb(db);
    this.#clock = clock;
  }

  /** A new link token for `address`, valid for `lifetimeMs`; the token is only in the return value. */
  async issue(address: string, lifetimeMs: number): Promise<string> {
    const token = newSecretToken();
    const now = this.#clock();
    await this.#db
      .insertInto('accounts_status_links')
      .values({ token_hash: hashToken(token), address, created_at: now, expires_at: now + lifetimeMs })
      .execute();
    return token;
  }

  /** The address a live token belongs to, or undefined (unknown, expired or malformed alike). */
  async resolve(token: string): Promise<string | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const row = await this.#db
      .selectFrom('accounts_status_links')
      .select('address')
      .where('token_hash', '=', hashToken(token))
      .where('expires_at', '>', this.#clock())
      .executeTakeFirst();
    return row?.address;
  }

  async purge(): Promise<number> {
    const r = await this.#db
      .deleteFrom('accounts_status_links')
      .where('expires_at', '<=', this.#clock())
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
