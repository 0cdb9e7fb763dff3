// What the sign-in routes read from a request besides its route input: where it came from (for the
// audit log and the throttle), its language, and a form body as plain strings.
import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../platform/feature/index.js';
import { localeOf } from '../locale.js';

export interface Source {
  ip: string;
  userAgent: string;
}

/** `req.ip` follows server.trustProxy, so a client cannot name its own address with a header. */
export function sourceOf(req: FastifyRequest): Source {
  const ua = req.headers['user-agent'];
  return { ip: req.ip || 'unknown', userAgent: typeof ua === 'string' ? ua : '' };
}

export function localeOfRequest(req: FastifyRequest): Locale {
  const cookie = req.headers.cookie;
  const lang = req.headers['accept-language'];
  return localeOf(
    typeof cookie === 'string' ? cookie : undefined,
    typeof lang === 'string' ? lang : undefined,
  );
}

/** A form body's string fields; anything else (a repeated field's array, a non-object body) is dropped. */
export function formOf(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || Buffer.isBuffer(body)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A query parameter given once, as a string. */
export function queryParam(req: FastifyRequest, name: string): string | undefined {
  const q = req.query as Record<string, unknown> | undefined;
  const v = q?.[name];
  return typeof v === 'string' ? v : undefined;
}
