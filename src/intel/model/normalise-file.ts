// File hashes and file names. A hash is typed by its length, whatever the source called it: an
// MD5-labelled 64-digit value is a SHA-256, and blocking it under the wrong algorithm matches nothing.
import { MAX_LENGTH, type NormaliseResult, hasControl, hasSpace, normalised } from './normalised.js';
import { reject } from './rejection.js';

const HEX = /^[0-9a-f]+$/;
const BY_LENGTH = { 32: 'md5', 40: 'sha1', 64: 'sha256' } as const;

export function normaliseHash(claimed: string, value: string): NormaliseResult {
  if (value.length > MAX_LENGTH.sha256) return reject('TOO_LONG', claimed, value);
  if (hasSpace(value)) return reject('CONTAINS_SPACE', claimed, value);
  const hex = value.toLowerCase();
  const type = BY_LENGTH[hex.length as keyof typeof BY_LENGTH];
  if (type === undefined || !HEX.test(hex)) return reject('INVALID_HASH', claimed, value);
  return normalised(type, hex);
}

/** Characters Windows forbids in a name, and both path separators. */
const RESERVED = /[<>:"/\\|?*]/;

/** A file name as given (case kept: the sinks compare names as the endpoint reports them). */
export function normaliseFileName(claimed: string, value: string): NormaliseResult {
  if (value.length > MAX_LENGTH['file-name']) return reject('TOO_LONG', claimed, value);
  if (hasControl(value)) return reject('CONTROL_CHARACTERS', claimed, value);
  if (RESERVED.test(value) || value === '.' || value === '..' || value.endsWith('.') || value.endsWith(' '))
    return reject('INVALID_FILE_NAME', claimed, value);
  return normalised('file-name', value);
}
