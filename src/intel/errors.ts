// Error catalogue of the threat-intel job's model, policy and converters. Bad values from a source are
// not errors (model/rejection.ts counts them); these are a bad policy in the configuration, and a
// converter handed what its sink cannot hold, which the policy should have kept out.
import { CallerError, type ErrorCatalogue, InternalError } from '../platform/errors.js';

export const errors = {
  POLICY_INVALID: {
    code: 'GSOC_INTEL_POLICY_INVALID',
    actor: 'caller',
    summary:
      "A sink's indicator policy does not validate (an unknown type, a type the sink cannot hold, a bad domain or CIDR).",
    fix: 'Correct the keys the message names; docs/intel.md lists every policy key with its default.',
  },
  SINK_TYPE_UNSUPPORTED: {
    code: 'GSOC_INTEL_SINK_TYPE_UNSUPPORTED',
    actor: 'internal',
    summary:
      'A converter was given an indicator type its sink cannot hold; the policy should have skipped it.',
    fix: 'Report it as a bug, with the sink and the type from the message.',
  },
} as const satisfies ErrorCatalogue;

export class IntelPolicyError extends CallerError {
  readonly problems: readonly string[];
  constructor(sink: string, problems: readonly string[]) {
    super(errors.POLICY_INVALID.code, `The ${sink} indicator policy is invalid: ${problems.join('; ')}`, {
      details: { sink, problems },
    });
    this.problems = problems;
  }
}

export class SinkTypeError extends InternalError {
  constructor(sink: string, type: string) {
    super(errors.SINK_TYPE_UNSUPPORTED.code, `The ${sink} converter cannot hold a ${type} indicator`, {
      details: { sink, type },
    });
  }
}
