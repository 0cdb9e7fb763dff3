// Random values of the sign-in pages: the same 32 random bytes, base64url, the session layer uses.
import { randomBytes } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');
