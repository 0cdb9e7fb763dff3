// Why a source's value did not become an indicator: stable reason codes the sync engine counts and
// reports per run. A rejection is a value, never a thrown error: one bad value must not stop a run.

export const REJECTION_REASONS = {
  MALFORMED_RECORD: 'The record lacks a field the model needs, or a field has the wrong shape.',
  UNSUPPORTED_TYPE:
    'The source type has no place in any sink (registry key, bitcoin address, phone number…).',
  EMPTY: 'The value is empty after trimming.',
  TOO_LONG: 'The value exceeds the length limit of its type (2048 characters for a URL).',
  CONTAINS_SPACE: 'A URL, domain, address, IP or hash with whitespace inside it.',
  CONTROL_CHARACTERS: 'The value contains control characters.',
  INVALID_IP: 'Not a valid IPv4 or IPv6 address (999.1.1.1, a zone id, a partial address).',
  INVALID_CIDR: 'Not a valid CIDR block (bad address or prefix length).',
  INVALID_DOMAIN: 'Not a valid domain name (bad label, single label, numeric top-level label, too long).',
  INVALID_URL: 'Not a URL a browser would open, or its host is not a valid domain or IP.',
  UNSUPPORTED_SCHEME: 'A URL whose scheme is not http, https or ftp (javascript:, data:, file: …).',
  INVALID_EMAIL: 'Not a plain e-mail address (local part or domain invalid, quoted or non-ASCII local part).',
  INVALID_HASH: 'Not an MD5, SHA-1 or SHA-256 digest in hexadecimal.',
  INVALID_FILE_NAME: 'Not a file name (path separators, reserved characters, "." or "..").',
  UNSUPPORTED_PATTERN:
    'A STIX pattern that is not one value or an OR of values (AND, FOLLOWEDBY, !=, LIKE…), or not a STIX pattern at all.',
} as const;
export type RejectionReason = keyof typeof REJECTION_REASONS;

export interface Rejection {
  ok: false;
  reason: RejectionReason;
  /** The type the source claimed, as it named it. */
  claimedType: string;
  /** The start of the offending value (at most 80 characters), for the run's report. */
  sample: string;
}

const SAMPLE_CHARS = 80;

export function reject(reason: RejectionReason, claimedType: string, raw: unknown): Rejection {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw ?? null).slice(0, SAMPLE_CHARS);
  return { ok: false, reason, claimedType, sample: text.slice(0, SAMPLE_CHARS) };
}
