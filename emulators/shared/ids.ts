// Identifier helpers shared by the emulators: random and name-derived GUIDs, opaque paging tokens.
import { createHash, randomUUID } from 'node:crypto';

export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function newGuid(): string {
  return randomUUID();
}

/** A stable GUID derived from a name, so the same input always yields the same id. */
export function guidFromName(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Encodes a small JSON value as an opaque URL-safe token (what Graph's skip/delta tokens look like to a client). */
export function encodeToken(prefix: string, value: unknown): string {
  return prefix + Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a token made by encodeToken; returns undefined for anything else. */
export function decodeToken(prefix: string, token: string): unknown {
  if (!token.startsWith(prefix)) return undefined;
  try {
    return JSON.parse(Buffer.from(token.slice(prefix.length), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
