// Browsers that verified an address on the portal (accounts_portal_sessions): the cookie's value is a
// random token of which only the SHA-256 is kept, with the address it proves, the form token of its
// pages, and an absolute end 30 minutes after verification (no sliding: the pages take minutes).
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { hashToken, newSecretToken } from './secret-token.js';
import { type AccountsDb, accountsDb } from './tables.js';

export const PORTAL_SESSION_MS = 30 * 60_000;

export interface PortalSession {
  address: string;
  purpose: string;
  requestId: string | null;
  csrfToken: string;
  expiresAt: number;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export class PortalSessions {
  readonly #db: AccountsDb;
  readonly #clock: () => number;
  constructor(db: Kysely<Database>, clock: () => number = Date.now) {
    this.#db = accountsDb(db);
    this.#clock = clock;
  }

  /** A new session; the cookie value is only in the return value. */
  async create(
    input: { address: string; purpose: string; requestId?: string | null },
    lifetimeMs = PORTAL_SESSION_MS,
  ): Promise<{ id: string; session: PortalSession }> {
    const id = newSecretToken();
    const now = this.#clock();
    const session: PortalSession = {
      address: input.address,
      purpose: input.purpose,
      requestId: input.requestId ?? null,
      csrfToken: newSecretToken(),
      expiresAt: now + lifetimeMs,
    };
    await this.#db
      .insertInto('accounts_portal_sessions')
      .values({
        id_hash: hashToken(id),
        address: session.address,
        purpose: session.purpose,
        request_id: session.requestId,
        csrf_token: session.csrfToken,
        created_at: now,
        expires_at: session.expiresAt,
      })
      .execute();
    return { id, session };
  }

  /** The live session of a cookie value, or undefined (unknown, expired or malformed alike). */
  async get(id: string | undefined): Promise<PortalSession | undefined> {
    if (id === undefined || !TOKEN_SHAPE.test(id)) return undefined;
    const row = await this.#db
      .selectFrom('accounts_portal_sessions')
      .selectAll()
      .where('id_hash', '=', hashToken(id))
      .where('expires_at', '>', this.#clock())
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      address: row.address,
      purpose: row.purpose,
      requestId: row.request_id,
      csrfToken: row.csrf_token,
      expiresAt: Number(row.expires_at),
    };
  }

  /** Ends a session (a newer verification in the same browser replaces it). */
  async end(id: string): Promise<void> {
    if (!TOKEN_SHAPE.test(id)) return;
    await this.#db.deleteFrom('accounts_portal_sessions').where('id_hash', '=', hashToken(id)).execute();
  }

  async purge(): Promise<number> {
    const r = await this.#db
      .deleteFrom('accounts_portal_sessions')
      .where('expires_at', '<=', this.#clock())
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
