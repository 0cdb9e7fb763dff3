// Normalisation and classification of one value the source typed: trim, refang, reject what no
// sink can hold, and give the rest its canonical text and its real type. Never throws for the
// value's sake: a bad value comes back as a rejection with a reason code (rejection.ts).
import { normaliseEmail } from './normalise-email.js';
import { normaliseFileName, normaliseHash } from './normalise-file.js';
import { normaliseHost } from './normalise-host.js';
import { refang } from './normalise-refang.js';
import { normaliseUrl } from './normalise-url.js';
import { MAX_RAW_LENGTH, type NormaliseResult, hasControl } from './normalised.js';
import { reject } from './rejection.js';
import { type IndicatorType, isIndicatorType } from './types.js';

/**
 * `claimedType` is a canonical type name (a source maps its own first, see source-types.ts); any
 * other string is rejected as UNSUPPORTED_TYPE. The result's type may differ from the claim within
 * its family: a URL that is only a host is a domain, an address in a DOMAIN field is an ipv4, a
 * 64-digit "md5" is a sha256, a /32 block is an address.
 */
export function normaliseValue(claimedType: IndicatorType | string, raw: string): NormaliseResult {
  const result = classify(claimedType, raw);
  // The sample shows the value as the source wrote it: a refanged URL in a report is a live link.
  return result.ok ? result : { ...result, sample: reject(result.reason, claimedType, raw).sample };
}

function classify(claimedType: string, raw: string): NormaliseResult {
  if (!isIndicatorType(claimedType)) return reject('UNSUPPORTED_TYPE', claimedType, raw);
  if (raw.length > MAX_RAW_LENGTH) return reject('TOO_LONG', claimedType, raw);
  const trimmed = raw.trim();
  if (trimmed === '') return reject('EMPTY', claimedType, raw);
  if (claimedType === 'file-name') return normaliseFileName(claimedType, trimmed);
  if (hasControl(trimmed)) return reject('CONTROL_CHARACTERS', claimedType, raw);
  switch (claimedType) {
    case 'md5':
    case 'sha1':
    case 'sha256':
      return normaliseHash(claimedType, trimmed);
    case 'email':
      return normaliseEmail(claimedType, refang(trimmed));
    case 'url':
      return normaliseUrl(claimedType, refang(trimmed));
    default:
      return normaliseHost(claimedType, refang(trimmed));
  }
}
