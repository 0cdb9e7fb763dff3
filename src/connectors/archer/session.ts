// Archer session handling: login (single-flight, one session reused by every call), the chain step
// that sends `Authorization: Archer session-id=<token>` to Archer's host only and, on a 401, logs in
// once more and repeats the request, and logout on close.
import type { HttpRequest, Step } from '../../platform/http/index.js';

export interface SessionOps {
  login(): Promise<string>;
  logout(token: string): Promise<void>;
}

export class ArcherSession {
  #token: string | undefined;
  #pending: Promise<string> | undefined;

  constructor(private readonly ops: SessionOps) {}

  /** The current token, logging in first when there is none. */
  token(): Promise<string> {
    return this.#token !== undefined ? Promise.resolve(this.#token) : this.#login();
  }

  /**
   * A new token after `stale` was refused. Calls that fail together share one login, and a call
   * whose stale token was already replaced simply gets the new one.
   */
  renew(stale: string): Promise<string> {
    if (this.#token !== undefined && this.#token !== stale) return Promise.resolve(this.#token);
    this.#token = undefined;
    return this.#login();
  }

  /** Ends the session on Archer (a session left open counts against the user until it idles out). */
  async logout(): Promise<void> {
    const token = this.#token ?? (await this.#pending?.catch(() => undefined));
    this.#token = undefined;
    if (token !== undefined) await this.ops.logout(token);
  }

  #login(): Promise<string> {
    this.#pending ??= this.ops
      .login()
      .then((token) => {
        this.#token = token;
        return token;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }
}

function withToken(req: HttpRequest, token: string): HttpRequest {
  // Archer's docs quote the token; every public client sends it bare and Archer accepts both.
  return { ...req, headers: { ...req.headers, authorization: `Archer session-id=${token}` } };
}

function replayable(req: HttpRequest): boolean {
  const b = req.body;
  return (
    (b === undefined || typeof b === 'string' || b instanceof Uint8Array) && req.responseType !== 'stream'
  );
}

/** Requests marked `auth: { enabled: false }` (login itself) and other hosts go without the token. */
export function sessionStep(session: ArcherSession, host: string): Step {
  return async function archerSession(req, next) {
    if (req.overrides?.auth?.enabled === false || req.url.host !== host) return next(req);
    const token = await session.token();
    const res = await next(withToken(req, token));
    if (res.status !== 401 || !replayable(req)) return res;
    res.stream?.resume();
    const fresh = await session.renew(token);
    return next(withToken(req, fresh));
  };
}
