// Archer sessions: 32-hex tokens from login, a sliding idle timeout (the API user's Security
// Parameter decides it on a real instance), logout, and forced expiry for tests.
import { randomBytes } from 'node:crypto';
import type { SeedUser } from './seed-schema.js';

export interface Session {
  token: string;
  user: SeedUser;
  lastUsedAt: number;
}

/** Archer's default idle timeout is set per Security Parameter; 20 minutes is a common setting. */
export const DEFAULT_IDLE_TIMEOUT_MS = 20 * 60_000;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    public idleTimeoutMs: number,
    private readonly now: () => number,
  ) {}

  open(user: SeedUser): Session {
    const session = { token: randomBytes(16).toString('hex').toUpperCase(), user, lastUsedAt: this.now() };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The live session for a token, touched (sliding expiry); undefined when unknown or idle too long. */
  use(token: string): Session | undefined {
    const s = this.sessions.get(token);
    if (!s) return undefined;
    const t = this.now();
    if (t - s.lastUsedAt > this.idleTimeoutMs) {
      this.sessions.delete(token);
      return undefined;
    }
    s.lastUsedAt = t;
    return s;
  }

  /** Who a token belongs to, without touching it (for the request log). */
  peek(token: string): Session | undefined {
    return this.sessions.get(token);
  }

  close(token: string): boolean {
    return this.sessions.delete(token);
  }

  expireAll(): number {
    const n = this.sessions.size;
    this.sessions.clear();
    return n;
  }

  get size(): number {
    return this.sessions.size;
  }
}

/** Reads `Archer session-id=<token>` or `Archer session-id="<token>"` (docs quote it, clients often don't). */
export function tokenFromHeader(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*Archer\s+session-id\s*=\s*"?([^"\s]+)"?\s*$/i.exec(header);
  return m?.[1];
}
