// OAuth tokens of the TruSTAR emulator (docs.trustar.co/api/v20, Authentication): client credentials
// by HTTP Basic key:secret; one token per credential, returned again until it expires; expiry and
// forced revocation for tests.
import { randomUUID } from 'node:crypto';

export interface ApiCredential {
  apiKey: string;
  apiSecret: string;
}

interface Issued {
  token: string;
  apiKey: string;
  expiresAt: number;
}

export class TokenStore {
  readonly #byToken = new Map<string, Issued>();
  readonly #byKey = new Map<string, Issued>();
  /** Tokens that existed and expired or were revoked: they answer "Expired", unknown ones "Invalid". */
  readonly #ended = new Set<string>();

  constructor(
    public lifetimeMs: number,
    private readonly now: () => number,
  ) {}

  /** The live token of `apiKey`, or a new one; with the seconds it has left. */
  issue(apiKey: string): { token: string; expiresInSec: number } {
    const t = this.now();
    let issued = this.#byKey.get(apiKey);
    if (issued === undefined || issued.expiresAt <= t) {
      if (issued) this.#end(issued);
      issued = { token: randomUUID(), apiKey, expiresAt: t + this.lifetimeMs };
      this.#byKey.set(apiKey, issued);
      this.#byToken.set(issued.token, issued);
    }
    return { token: issued.token, expiresInSec: Math.max(0, Math.floor((issued.expiresAt - t) / 1000)) };
  }

  /** Who a token belongs to, or why it is refused. */
  check(token: string): { apiKey: string } | { refused: 'expired' | 'invalid' } {
    const issued = this.#byToken.get(token);
    if (issued === undefined) return { refused: this.#ended.has(token) ? 'expired' : 'invalid' };
    if (issued.expiresAt <= this.now()) {
      this.#end(issued);
      return { refused: 'expired' };
    }
    return { apiKey: issued.apiKey };
  }

  /** Ends one token now (an expired-token fault), so the next call with it is refused too. */
  expire(token: string): void {
    const issued = this.#byToken.get(token);
    if (issued) this.#end(issued);
  }

  expireAll(): number {
    const n = this.#byToken.size;
    for (const issued of [...this.#byToken.values()]) this.#end(issued);
    return n;
  }

  clear(): void {
    this.#byToken.clear();
    this.#byKey.clear();
    this.#ended.clear();
  }

  #end(issued: Issued): void {
    this.#byToken.delete(issued.token);
    if (this.#byKey.get(issued.apiKey) === issued) this.#byKey.delete(issued.apiKey);
    this.#ended.add(issued.token);
  }
}

/** Reads `Authorization: Basic base64(key:secret)`; undefined when absent or malformed. */
export function basicCredential(header: string | undefined): ApiCredential | undefined {
  if (header === undefined) return undefined;
  const [scheme, encoded] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() !== 'basic' || encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { apiKey: decoded.slice(0, colon), apiSecret: decoded.slice(colon + 1) };
}

export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const [scheme, token] = header.trim().split(/\s+/, 2);
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}
