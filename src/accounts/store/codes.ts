// The codes and links mailed to verify an address (accounts_codes): issued under the two rate limits
// (per address, per client network), kept as hashes only, spent after too many wrong codes, single
// use. Every limit is enforced by the database, not by this process, so several instances sharing
// PostgreSQL cannot together let more through than one would.
//
// Issuing is insert-then-count: the new row is written first and the rows of the window counted
// after, so of two instances racing for the last slot each sees the other's row; a row over the limit
// is deleted again and the caller told when the oldest counted row leaves the window. Refused
// attempts leave no row, so hammering the form does not push the window forward.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { hashToken, newCode, newSecretToken } from './secret-token.js';
import { type AccountsDb, accountsDb } from './tables.js';

/** `request`: verify to ask for something; `credential`: verify again to see one's first credential. */
export const CODE_PURPOSES = ['request', 'credential'] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];

export interface RateLimit {
  max: number;
  windowMinutes: number;
}

export interface CodeLimits {
  perAddress: RateLimit;
  perIp: RateLimit;
  codeLifetimeMinutes: number;
  linkLifetimeMinutes: number;
  /** Wrong codes before the code is spent. */
  codeAttempts: number;
}

export interface IssueInput {
  purpose: CodePurpose;
  /** The normalised address's key (policy/address.ts). */
  address: string;
  requestId?: string;
  /** The client network (platform/web-session ipKey). */
  ipKey: string;
}

export type Issued =
  | { ok: true; id: string; code: string; linkToken: string; expiresAt: number }
  | { ok: false; limit: 'address' | 'ip'; retryAfterSec: number };

export interface VerifiedCode {
  id: string;
  purpose: CodePurpose;
  address: string;
  requestId: string | null;
}

/** Why a code or link was not accepted; the page says the same for each but the log tells them apart. */
export type CodeRefusal = 'unknown' | 'expired' | 'used' | 'spent' | 'wrong';

export type Verification = { ok: true; code: VerifiedCode } | { ok: false; reason: CodeRefusal };

const ID_SHAPE = /^[A-Za-z0-9_-]{22}$/;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const CODE_SHAPE = /^[0-9]{6}$/;

/** The code's hash is salted with its row id: the same code in two rows hashes differently. */
const codeHash = (id: string, code: string): string => hashToken(`${id}:${code}`);

export class VerificationCodes {
  readonly #db: AccountsDb;
  readonly #clock: () => number;
  readonly #limits: CodeLimits;
  constructor(db: Kysely<Database>, limits: CodeLimits, clock: () => number = Date.now) {
    this.#db = accountsDb(db);
    this.#limits = limits;
    this.#clock = clock;
  }

  /** A new code and link for `input.address`, or which limit refused it and for how long. */
  async issue(input: IssueInput): Promise<Issued> {
    const now = this.#clock();
    const id = randomBytes(16).toString('base64url');
    const code = newCode(6);
    const linkToken = newSecretToken();
    const l = this.#limits;
    // The row lives as long as its longer-lived secret; the link may outlive the code.
    const codeExpires = now + l.codeLifetimeMinutes * 60_000;
    const expiresAt = Math.max(codeExpires, now + l.linkLifetimeMinutes * 60_000);
    await this.#db
      .insertInto('accounts_codes')
      .values({
        id,
        purpose: input.purpose,
        address: input.address,
        request_id: input.requestId ?? null,
        code_hash: codeHash(id, code),
        link_hash: hashToken(linkToken),
        attempts: 0,
        ip_key: input.ipKey,
        created_at: now,
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    const byAddress = await this.#window('address', input.address, l.perAddress, now);
    const byIp = byAddress.over ? undefined : await this.#window('ip_key', input.ipKey, l.perIp, now);
    const refused = byAddress.over
      ? { limit: 'address' as const, ...byAddress }
      : byIp?.over
        ? { limit: 'ip' as const, ...byIp }
        : undefined;
    if (refused) {
      await this.#db.deleteFrom('accounts_codes').where('id', '=', id).execute();
      return { ok: false, limit: refused.limit, retryAfterSec: refused.retryAfterSec };
    }
    return { ok: true, id, code, linkToken, expiresAt: codeExpires };
  }

  /** Counts the window's rows for one key; when over, the seconds until its oldest row leaves it. */
  async #window(
    column: 'address' | 'ip_key',
    value: string,
    limit: RateLimit,
    now: number,
  ): Promise<{ over: boolean; retryAfterSec: number }> {
    const windowMs = limit.windowMinutes * 60_000;
    const since = now - windowMs;
    const row = await this.#db
      .selectFrom('accounts_codes')
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('oldest')])
      .where(column, '=', value)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    const n = Number(row.n);
    if (n <= limit.max) return { over: false, retryAfterSec: 0 };
    // The rows older than the newest `max` must leave before one more fits: the oldest is the first.
    const oldest = Number(row.oldest ?? now);
    return { over: true, retryAfterSec: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
  }

  /**
   * Checks a typed code against row `id`. One attempt is counted before the comparison, in one
   * conditional UPDATE, so parallel guesses cannot exceed the limit; the right code then marks the
   * row used, again conditionally, so only one of two racing right answers wins.
   */
  async verifyCode(id: string, code: string): Promise<Verification> {
    if (!ID_SHAPE.test(id)) return { ok: false, reason: 'unknown' };
    const now = this.#clock();
    const counted = await this.#db
      .updateTable('accounts_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('attempts', '<', this.#limits.codeAttempts)
      .where('created_at', '>', now - this.#limits.codeLifetimeMinutes * 60_000)
      .executeTakeFirst();
    if (Number(counted.numUpdatedRows) !== 1) return { ok: false, reason: await this.#whyNot(id, now) };
    const row = await this.#db
      .selectFrom('accounts_codes')
      .select(['id', 'purpose', 'address', 'request_id', 'code_hash'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' };
    // The typed value is hashed whatever its shape, so a malformed one takes as long as a wrong one.
    const given = Buffer.from(codeHash(id, CODE_SHAPE.test(code) ? code : `x${code.slice(0, 16)}`));
    const stored = Buffer.from(row.code_hash);
    if (given.length !== stored.length || !timingSafeEqual(given, stored))
      return { ok: false, reason: 'wrong' };
    return this.#use(row, now);
  }

  /** The row a link token names while it may still be used, without using it (a GET shows a button). */
  async peekLink(token: string): Promise<VerifiedCode | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const row = await this.#db
      .selectFrom('accounts_codes')
      .select(['id', 'purpose', 'address', 'request_id'])
      .where('link_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .where('created_at', '>', this.#clock() - this.#limits.linkLifetimeMinutes * 60_000)
      .executeTakeFirst();
    return row ? toVerified(row) : undefined;
  }

  /** Uses a link token (the person pressed Continue); a second use is refused. */
  async useLink(token: string): Promise<Verification> {
    if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: 'unknown' };
    const row = await this.#db
      .selectFrom('accounts_codes')
      .select(['id', 'purpose', 'address', 'request_id', 'created_at', 'used_at'])
      .where('link_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' };
    const now = this.#clock();
    if (row.used_at !== null) return { ok: false, reason: 'used' };
    if (Number(row.created_at) <= now - this.#limits.linkLifetimeMinutes * 60_000)
      return { ok: false, reason: 'expired' };
    return this.#use(row, now);
  }

  async #use(
    row: { id: string; purpose: string; address: string; request_id: string | null },
    now: number,
  ): Promise<Verification> {
    const r = await this.#db
      .updateTable('accounts_codes')
      .set({ used_at: now })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return { ok: false, reason: 'used' };
    return { ok: true, code: toVerified(row) };
  }

  async #whyNot(id: string, now: number): Promise<CodeRefusal> {
    const row = await this.#db
      .selectFrom('accounts_codes')
      .select(['used_at', 'attempts', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return 'unknown';
    if (row.used_at !== null) return 'used';
    if (Number(row.attempts) >= this.#limits.codeAttempts) return 'spent';
    if (Number(row.created_at) <= now - this.#limits.codeLifetimeMinutes * 60_000) return 'expired';
    return 'unknown';
  }

  /**
   * Deletes rows that can no longer be used nor count towards a limit: expired, and older than the
   * longer of the two windows.
   */
  async purge(): Promise<number> {
    const now = this.#clock();
    const windowMs =
      Math.max(this.#limits.perAddress.windowMinutes, this.#limits.perIp.windowMinutes) * 60_000;
    const r = await this.#db
      .deleteFrom('accounts_codes')
      .where('expires_at', '<=', now)
      .where('created_at', '<=', now - windowMs)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

function toVerified(row: {
  id: string;
  purpose: string;
  address: string;
  request_id: string | null;
}): VerifiedCode {
  return {
    id: row.id,
    purpose: row.purpose === 'credential' ? 'credential' : 'request',
    address: row.address,
    requestId: row.request_id,
  };
}
