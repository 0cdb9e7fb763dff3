// What a step's failure means for its request: permanent (fail now, with a stable reason) or
// transient (postpone with backoff), and the `CODE: message` the row records. Messages come from our
// typed errors, which never carry headers, bodies or tokens; the password is never in any of them.
import { directoryRefusal } from '../../connectors/microsoft/graph/index.js';
import { isGsocError } from '../../platform/errors.js';
import { HttpStatusError } from '../../platform/http/index.js';
import { NameUnusableError, UpnExhaustedError } from '../errors.js';
import { type FailureReason, ProvisionRefusedError } from './errors.js';

export type StepFailure =
  | { permanent: true; reason: FailureReason; error: string }
  | { permanent: false; error: string };

const MAX_ERROR = 500;

/** `CODE: message`, cut to a length the console shows whole. */
export function describeError(e: unknown): string {
  const code = isGsocError(e) ? e.code : 'GSOC_ACCOUNTS_UNEXPECTED';
  const message = e instanceof Error ? e.message : String(e);
  const text = `${code}: ${message}`;
  return text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR - 1)}…` : text;
}

const REFUSAL_REASONS: Record<string, FailureReason> = {
  'no-seats': 'NO_SEATS',
  'usage-location': 'USAGE_LOCATION',
  'password-complexity': 'PASSWORD_COMPLEXITY',
  'unverified-domain': 'UNVERIFIED_DOMAIN',
};

export function classifyFailure(e: unknown): StepFailure {
  const error = describeError(e);
  if (e instanceof ProvisionRefusedError) return { permanent: true, reason: e.reason, error };
  if (e instanceof UpnExhaustedError) return { permanent: true, reason: 'UPN_EXHAUSTED', error };
  if (e instanceof NameUnusableError) return { permanent: true, reason: 'NAME_UNUSABLE', error };
  const refusal = directoryRefusal(e);
  if (refusal) {
    const reason = REFUSAL_REASONS[refusal.kind] ?? 'REFUSED';
    return { permanent: true, reason, error };
  }
  if (e instanceof HttpStatusError) {
    // 429 (after the pacer's repeats), 5xx, and 404 (an object just made, not replicated yet).
    if (e.status === 429 || e.status >= 500 || e.status === 404 || e.status === 408)
      return { permanent: false, error };
    if (e.status === 401 || e.status === 403) return { permanent: true, reason: 'PERMISSION', error };
    return { permanent: true, reason: 'REFUSED', error };
  }
  // Timeouts, resets, deadlines, replication waits, and anything unexpected: tried again, and
  // failed as RETRIES_EXHAUSTED once config.provisioning.maxAttempts tries are spent.
  return { permanent: false, error };
}

/** Exponential backoff with full jitter: 2 s, 4 s, 8 s … at most 15 minutes, never below half. */
export function backoffDelayMs(attempt: number, random: () => number, baseMs = 2000): number {
  const ceiling = Math.min(15 * 60_000, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}
