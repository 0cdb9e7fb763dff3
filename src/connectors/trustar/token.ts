// The TruSTAR access token: client credentials by HTTP Basic key:secret to <baseUrl>/oauth/token
// (docs.trustar.co/api/v20, Authentication), cached until shortly before expires_in runs out, fetched
// by one request however many calls need it at once, and renewed once when the API refuses it.
import type { HttpClient } from '../../platform/http/index.js';
import { TrustarAuthError } from './errors.js';
import { readAnswer } from './read.js';
import { tokenResponseSchema } from './schemas.js';
import type { TrustarConnection } from './types.js';

/** Refresh this long before expiry (a tenth of the lifetime for short-lived tokens). */
const MARGIN_MS = 30_000;

interface Cached {
  token: string;
  freshUntil: number;
}

export class TrustarTokens {
  #cached: Cached | undefined;
  #pending: Promise<string> | undefined;

  constructor(
    private readonly http: () => HttpClient,
    private readonly conn: TrustarConnection,
    private readonly tokenUrl: string,
  ) {}

  /** The cached token while fresh, else a new one. */
  token(): Promise<string> {
    const c = this.#cached;
    if (c !== undefined && this.http().clock.now() < c.freshUntil) return Promise.resolve(c.token);
    return this.#fetch();
  }

  /**
   * A new token after `stale` was refused. Calls refused together share one fetch; a call whose
   * stale token was already replaced gets the new one.
   */
  renew(stale: string): Promise<string> {
    if (this.#cached !== undefined && this.#cached.token !== stale)
      return Promise.resolve(this.#cached.token);
    this.#cached = undefined;
    return this.#fetch();
  }

  /**
   * One fetch shared by every waiting call. It takes no caller's signal: one caller giving up must
   * not fail the others; the platform's timeouts bound it.
   */
  #fetch(): Promise<string> {
    this.#pending ??= this.#request().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #request(): Promise<string> {
    const http = this.http();
    const basic = Buffer.from(`${this.conn.apiKey}:${this.conn.apiSecret}`).toString('base64');
    const res = await http.request({
      url: this.tokenUrl,
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
      // Asking again returns the same token until it expires: safe to repeat after a 503.
      idempotent: true,
      auth: { enabled: false },
      acceptStatus: [400, 401, 403],
    });
    if (res.status >= 400) throw new TrustarAuthError(this.conn.apiKey, res.status);
    const answer = readAnswer(res, tokenResponseSchema, 'POST /oauth/token');
    const lifetimeMs = answer.expires_in * 1000;
    const freshUntil = http.clock.now() + lifetimeMs - Math.min(MARGIN_MS, lifetimeMs / 10);
    this.#cached = { token: answer.access_token, freshUntil };
    return answer.access_token;
  }
}
