// Error catalogue of provisioning and expiry: a step the directory refused for good (the request
// fails with a stable reason the console shows and an administrator acts on), and a step that must
// wait for the directory to catch up (replication), which is retried like any transient fault.
import { CallerError, type ErrorCatalogue, RemoteError } from '../../platform/errors.js';

export const provisionErrors = {
  PROVISION_REFUSED: {
    code: 'GSOC_ACCOUNTS_PROVISION_REFUSED',
    actor: 'caller',
    summary:
      'A provisioning step cannot succeed without an administrator: no free seat (NO_SEATS), no account for a group request (NO_ACCOUNT), a usage location, domain, password policy or permission Graph refuses, an unknown SKU or template, a group name taken, or too many failed tries.',
    fix: "Read the request's reason in the console, fix its cause (buy seats, grant the permission, correct the template) and retry the request.",
  },
  PROVISION_DEFERRED: {
    code: 'GSOC_ACCOUNTS_PROVISION_DEFERRED',
    actor: 'remote',
    summary:
      'A provisioning step waits for the directory: an object just created is not readable yet (replication), or Graph says a name is taken by an object it does not show yet.',
    fix: 'Nothing: the step is tried again with backoff. If it keeps failing, check the tenant in the Entra admin center.',
  },
} as const satisfies ErrorCatalogue;

/**
 * Stable reasons a failed request carries (the console translates them). RETRIES_EXHAUSTED: a
 * transient fault outlived config.provisioning.maxAttempts.
 */
export const FAILURE_REASONS = [
  'NO_SEATS',
  'NO_ACCOUNT',
  'USAGE_LOCATION',
  'UNVERIFIED_DOMAIN',
  'PASSWORD_COMPLEXITY',
  'PERMISSION',
  'REFUSED',
  'SKU_UNKNOWN',
  'TEMPLATE_UNKNOWN',
  'UPN_EXHAUSTED',
  'NAME_UNUSABLE',
  'GROUP_NAME_TAKEN',
  'GROUP_INVALID',
  'GROUP_MISSING',
  'RETRIES_EXHAUSTED',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** A refusal no retry fixes: the request fails at once with `reason`. */
export class ProvisionRefusedError extends CallerError {
  constructor(
    readonly reason: FailureReason,
    message: string,
    cause?: unknown,
  ) {
    super(provisionErrors.PROVISION_REFUSED.code, message, {
      httpStatus: 409,
      details: { reason },
      ...(cause === undefined ? {} : { cause }),
    });
  }
}

/** The directory has not caught up yet: postponed with backoff, never answered by a new name. */
export class ProvisionDeferredError extends RemoteError {
  constructor(
    message: string,
    /** The least wait before the next try, when the step knows one. */
    readonly waitMs?: number,
  ) {
    super(provisionErrors.PROVISION_DEFERRED.code, message, { retryable: true });
  }
}
