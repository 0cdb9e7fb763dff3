// Small named state of the features (delta links, subscription ids, shared secrets) in kv_state.
// Values are strings; callers keep JSON in them when they need structure.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export class KvState {
  readonly #db: Kysely<Database>;
  readonly #now: () => number;

  constructor(db: Kysely<Database>, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  async get(key: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('kv_state')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.#db
      .insertInto('kv_state')
      .values({ key, value, updated_at: this.#now() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: this.#now() }))
      .execute();
  }

  /**
   * Stores `value` unless the key exists, and returns what is stored: several instances starting at
   * once agree on one value (a shared secret, say) without a lock.
   */
  async setIfAbsent(key: string, value: string): Promise<string> {
    await this.#db
      .insertInto('kv_state')
      .values({ key, value, updated_at: this.#now() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.get(key)) ?? value;
  }

  async delete(key: string): Promise<void> {
    await this.#db.deleteFrom('kv_state').where('key', '=', key).execute();
  }

  /** Keys starting with `prefix`, with their values. */
  async list(prefix: string): Promise<Array<{ key: string; value: string }>> {
    const rows = await this.#db
      .selectFrom('kv_state')
      .select(['key', 'value'])
      .where('key', 'like', `${literalPart(prefix)}%`)
      .execute();
    // LIKE's escape rules differ between the dialects, so the pattern stops before the first
    // wildcard character and the exact prefix check happens here.
    return rows.filter((r) => r.key.startsWith(prefix));
  }
}

/** The prefix up to its first LIKE wildcard character (`%` or `_`). */
function literalPart(s: string): string {
  return s.split(/[%_]/, 1)[0] ?? '';
}
