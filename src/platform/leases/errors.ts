// Error catalogue of leases and the lease runner.
import { type ErrorCatalogue, InternalError } from '../errors.js';

export const errors = {
  OPTIONS_INVALID: {
    code: 'GSOC_LEASE_OPTIONS_INVALID',
    actor: 'internal',
    summary:
      'The lease runner got inconsistent options: a non-positive ttl or renewal interval, a renewal interval above half the ttl, or two units with one name.',
    fix: 'Configuration validation should have refused this; report a bug with the `leases` section of your configuration.',
  },
  UNIT_RETURNED: {
    code: 'GSOC_LEASE_UNIT_RETURNED',
    actor: 'internal',
    summary: 'A work unit returned while its lease was still held; the runner restarts it after a delay.',
    fix: 'Report a bug naming the unit in the log: a unit must run until its signal aborts.',
  },
} as const satisfies ErrorCatalogue;

export class LeaseOptionsError extends InternalError {
  constructor(message: string) {
    super(errors.OPTIONS_INVALID.code, message);
  }
}

export class UnitReturnedError extends InternalError {
  constructor(unit: string) {
    super(errors.UNIT_RETURNED.code, `work unit ${unit} returned while it still held its lease`, {
      details: { unit },
    });
  }
}
