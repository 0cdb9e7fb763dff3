// Configuration tokens verified recently. Threat Response sends the same long-lived token with every
// request of a module instance, so its RS256 signature (~0.25 ms) need not be checked every time.
// An entry is keyed by the token's SHA-256 together with the audiences it was checked against, and
// lives until the token's `exp` (plus the clock leeway) or `ttlMs`, whichever comes first. `ttlMs` is
// the JWKS cache time: a key withdrawn from the JWKS stops being trusted no later than the JWKS cache
// alone would allow. Only successful verifications are kept.
import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { TtlCache } from '../../platform/ttl-cache.js';

export class VerifiedTokens {
  readonly #ttlMs: number;
  readonly #cache: TtlCache<JWTPayload>;

  constructor(ttlMs: number, max = 1000, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#cache = new TtlCache(max, now);
  }

  get(token: string, audiences: readonly string[]): JWTPayload | undefined {
    return this.#cache.get(keyOf(token, audiences));
  }

  set(token: string, audiences: readonly string[], payload: JWTPayload, clockToleranceSec: number): void {
    if (typeof payload.exp !== 'number') return; // legacy tokens without exp are verified every time
    const until = Math.min((payload.exp + clockToleranceSec) * 1000, this.#cache.now() + this.#ttlMs);
    this.#cache.set(keyOf(token, audiences), Object.freeze({ ...payload }), until);
  }
}

function keyOf(token: string, audiences: readonly string[]): string {
  return createHash('sha256')
    .update(token)
    .update('\u0000')
    .update(audiences.join('\u0000'))
    .digest('base64');
}
