// Configuration tokens verified recently. Threat Response sends the same long-lived token with every
// request of a module instance, so its RS256 signature (~0.25 ms) need not be checked every time.
// An entry is keyed by the token's SHA-256 together with the audiences it was checked against, and
// lives until the token's `exp` (plus the clock leeway) or `ttlMs`, whichever comes first. `ttlMs` is
// the JWKS cache time: a key withdrawn from the JWKS stops being trusted no later than the JWKS cache
// alone would allow. Only successful verifications are kept.
import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';

export class VerifiedTokens {
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { payload: JWTPayload; until: number }>();

  constructor(ttlMs: number, max = 1000, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#max = max;
    this.#now = now;
  }

  get(token: string, audiences: readonly string[]): JWTPayload | undefined {
    const key = keyOf(token, audiences);
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.until <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return e.payload;
  }

  set(token: string, audiences: readonly string[], payload: JWTPayload, clockToleranceSec: number): void {
    if (typeof payload.exp !== 'number') return; // legacy tokens without exp are verified every time
    const until = Math.min((payload.exp + clockToleranceSec) * 1000, this.#now() + this.#ttlMs);
    const key = keyOf(token, audiences);
    this.#entries.delete(key);
    this.#entries.set(key, { payload: Object.freeze({ ...payload }), until });
    for (const k of this.#entries.keys()) {
      if (this.#entries.size <= this.#max) break;
      this.#entries.delete(k);
    }
  }
}

function keyOf(token: string, audiences: readonly string[]): string {
  return createHash('sha256')
    .update(token)
    .update('\u0000')
    .update(audiences.join('\u0000'))
    .digest('base64');
}
