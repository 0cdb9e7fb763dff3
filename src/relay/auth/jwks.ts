// JWKS of the Threat Response regions, fetched only from allow-listed hosts, cached with a TTL and
// refetched at most once per cooldown for an unknown `kid` (key rotation). The seeds fetched
// `https://{jwks_host}/.well-known/jwks` for any host named in an unverified token (SSRF).
import { importJWK, type JWK } from 'jose';
import { z } from 'zod';
import { createHttpClient, type HttpClient } from '../../platform/http/index.js';

/** Threat Response / XDR regions that publish configuration-token keys (reference/relay.md §0). */
export const CISCO_JWKS_HOSTS = [
  'visibility.amp.cisco.com',
  'visibility.eu.amp.cisco.com',
  'visibility.apjc.amp.cisco.com',
] as const;

// https://datatracker.ietf.org/doc/html/rfc7517#section-5 — only RSA signing keys are of use here.
const jwksSchema = z.object({
  keys: z
    .array(
      z.looseObject({
        kty: z.string(),
        kid: z.string().optional(),
        use: z.string().optional(),
        alg: z.string().optional(),
        n: z.string().optional(),
        e: z.string().optional(),
      }),
    )
    .max(100),
});

export interface JwksOptions {
  allowedHosts: readonly string[];
  ttlMs: number;
  /** An unknown kid refetches the set at most this often per host. */
  refetchCooldownMs: number;
  caFile?: string | undefined;
  caPem?: string | undefined;
  /** Local clock (tests). */
  now?: () => number;
}

type Key = Awaited<ReturnType<typeof importJWK>>;
interface Entry {
  keys: Map<string, Key>;
  fetchedAt: number;
}

export type KeyLookup =
  | { ok: true; key: Key }
  | { ok: false; reason: 'host-not-allowed' | 'fetch-failed' | 'kid-not-found'; cause?: unknown };

export class JwksCache {
  readonly #o: JwksOptions;
  readonly #allowed: Set<string>;
  readonly #http: HttpClient;
  readonly #entries = new Map<string, Entry>();
  readonly #inFlight = new Map<string, Promise<Entry>>();

  constructor(opts: JwksOptions) {
    this.#o = opts;
    this.#allowed = new Set(opts.allowedHosts.map((h) => h.toLowerCase()));
    this.#http = createHttpClient({
      service: 'jwks',
      agent: { caFile: opts.caFile, caPem: opts.caPem },
      // A key set is small and Threat Response waits on us: fail fast rather than queue retries.
      retry: { maxRetries: 1 },
      timeout: { attemptTimeoutMs: 5000, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 },
      redirect: { maxRedirects: 0 },
      maxBodyBytes: 256 * 1024,
    });
  }

  isAllowed(host: string): boolean {
    return this.#allowed.has(host.toLowerCase());
  }

  async key(host: string, kid: string): Promise<KeyLookup> {
    const h = host.toLowerCase();
    if (!this.#allowed.has(h)) return { ok: false, reason: 'host-not-allowed' };
    const now = (this.#o.now ?? Date.now)();
    let entry = this.#entries.get(h);
    try {
      if (!entry || now - entry.fetchedAt > this.#o.ttlMs) entry = await this.#fetch(h);
      let key = entry.keys.get(kid);
      if (!key && now - entry.fetchedAt > this.#o.refetchCooldownMs) {
        entry = await this.#fetch(h);
        key = entry.keys.get(kid);
      }
      return key ? { ok: true, key } : { ok: false, reason: 'kid-not-found' };
    } catch (cause) {
      return { ok: false, reason: 'fetch-failed', cause };
    }
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  /** One fetch per host at a time; concurrent requests share it. */
  #fetch(host: string): Promise<Entry> {
    let p = this.#inFlight.get(host);
    if (!p) {
      p = this.#load(host).finally(() => this.#inFlight.delete(host));
      this.#inFlight.set(host, p);
    }
    return p;
  }

  async #load(host: string): Promise<Entry> {
    // The host is allow-listed, so it cannot smuggle a path, port or userinfo past this check.
    const url = new URL(`https://${host}/.well-known/jwks`);
    const set = await this.#http.json({ url }, jwksSchema);
    const keys = new Map<string, Key>();
    for (const jwk of set.keys) {
      if (jwk.kty !== 'RSA' || !jwk.kid || (jwk.use && jwk.use !== 'sig') || (jwk.alg && jwk.alg !== 'RS256'))
        continue;
      try {
        keys.set(jwk.kid, await importJWK(jwk as JWK, 'RS256'));
      } catch {
        // A malformed key in the set must not hide the good ones.
      }
    }
    const entry = { keys, fetchedAt: (this.#o.now ?? Date.now)() };
    this.#entries.set(host, entry);
    return entry;
  }
}
