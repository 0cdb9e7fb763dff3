// How many UPN previews one verified browser may ask for: each costs up to three directory look-ups,
// and a preview answers "is this name taken", so a session is not a directory search tool. Counted
// per instance in memory (a person behind a load balancer may get a few more); forgotten when the
// session would have ended.
export const PREVIEWS_PER_SESSION = 20;

export class PreviewBudget {
  readonly #used = new Map<string, { n: number; until: number }>();
  constructor(
    readonly max = PREVIEWS_PER_SESSION,
    readonly clock: () => number = Date.now,
  ) {}

  /** Counts one preview for `sessionKey` (valid until `until`); false when its budget is spent. */
  take(sessionKey: string, until: number): boolean {
    const now = this.clock();
    if (this.#used.size > 10_000) for (const [k, v] of this.#used) if (v.until <= now) this.#used.delete(k);
    const entry = this.#used.get(sessionKey) ?? { n: 0, until };
    if (entry.n >= this.max) return false;
    entry.n++;
    this.#used.set(sessionKey, entry);
    return true;
  }
}
