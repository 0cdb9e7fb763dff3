// What normalisation makes of one value: its type (which may differ from the type the source
// claimed) and its canonical text, or a rejection with its reason.
import type { Rejection } from './rejection.js';
import type { IndicatorType } from './types.js';

export interface Normalised {
  ok: true;
  type: IndicatorType;
  value: string;
}

export type NormaliseResult = Normalised | Rejection;

export const normalised = (type: IndicatorType, value: string): Normalised => ({ ok: true, type, value });

/** Length limits per type, in UTF-16 code units of the canonical value. */
export const MAX_LENGTH: Readonly<Record<IndicatorType, number>> = {
  ipv4: 15,
  ipv6: 45,
  cidr: 49,
  // RFC 1035: 253 characters in text form.
  domain: 253,
  // Beyond this browsers, proxies and the sinks' matchers disagree; feeds carrying longer ones
  // carry tracking noise.
  url: 2048,
  // RFC 5321: 64 for the local part, 254 for the path.
  email: 254,
  md5: 32,
  sha1: 40,
  sha256: 64,
  // NTFS and ext4 limit a name to 255.
  'file-name': 255,
};

/**
 * A raw value longer than this is rejected before any other work, whatever its type: it is far
 * beyond every type's limit (refanging only shortens), so it cannot become an indicator.
 */
export const MAX_RAW_LENGTH = 4 * MAX_LENGTH.url;

/** Whitespace anywhere (after trimming): one character class, no quantifier, linear. */
export const hasSpace = (s: string): boolean => /\s/u.test(s);

/** C0 and C1 controls and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const hasControl = (s: string): boolean => /[\u0000-\u001f\u007f-\u009f]/.test(s);
