// The tenant's signing keys, from the metadata's jwks_uri only: RSA keys by kid, cached, and fetched
// again at most once a minute for a kid not seen yet (Entra rolls its keys without notice).
// https://learn.microsoft.com/entra/identity-platform/signing-key-rollover
import { importJWK, type JWK } from 'jose';
import type { HttpClient } from '../../../../platform/http/index.js';
import { SignInFailedError } from '../errors.js';
import { jwksSchema } from '../schemas.js';

type Key = Awaited<ReturnType<typeof importJWK>>;

/** An unknown kid refetches the set at most this often. */
const REFETCH_COOLDOWN_MS = 60_000;

export class SigningKeys {
  readonly #http: HttpClient;
  readonly #ttlMs: number;
  #keys = new Map<string, Key>();
  #fetchedAt = Number.NEGATIVE_INFINITY;
  #uri = '';
  #inFlight: Promise<void> | undefined;

  constructor(http: HttpClient, ttlMs: number) {
    this.#http = http;
    this.#ttlMs = ttlMs;
  }

  /** The RSA key `kid` of the set at `jwksUri`, or undefined when the set has none by that id. */
  async key(jwksUri: string, kid: string, now: number): Promise<Key | undefined> {
    const stale = jwksUri !== this.#uri || now - this.#fetchedAt >= this.#ttlMs;
    if (stale || (!this.#keys.has(kid) && now - this.#fetchedAt >= REFETCH_COOLDOWN_MS)) {
      await this.#refresh(jwksUri, now);
    }
    return this.#keys.get(kid);
  }

  #refresh(jwksUri: string, now: number): Promise<void> {
    this.#inFlight ??= this.#load(jwksUri, now).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #load(jwksUri: string, now: number): Promise<void> {
    let set: { keys: Array<Record<string, unknown>> };
    try {
      set = await this.#http.json({ url: jwksUri }, jwksSchema);
    } catch (e) {
      throw new SignInFailedError('cannot load the signing keys of Entra ID', {}, { cause: e });
    }
    const keys = new Map<string, Key>();
    for (const k of set.keys) {
      if (k.kty !== 'RSA' || typeof k.kid !== 'string' || (k.use !== undefined && k.use !== 'sig')) continue;
      try {
        keys.set(k.kid, await importJWK({ kty: 'RSA', n: k.n, e: k.e } as JWK, 'RS256'));
      } catch {
        // A key that does not import verifies nothing; the others still serve.
      }
    }
    this.#keys = keys;
    this.#uri = jwksUri;
    this.#fetchedAt = now;
  }
}
