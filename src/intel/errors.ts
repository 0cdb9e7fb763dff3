// Error catalogue of the threat-intel job. Bad values from a source are not errors
// (model/rejection.ts counts them), nor is a sink refusing one record (the run's counts say it);
// these are a bad policy, a converter handed what its sink cannot hold, a source or sink that could
// not be reached at all, and a run that found another one already going.
import {
  CallerError,
  type ErrorCatalogue,
  GsocError,
  InternalError,
  RemoteError,
} from '../platform/errors.js';

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
  SINK_CALL_FAILED: {
    code: 'GSOC_INTEL_SINK_CALL_FAILED',
    actor: 'remote',
    summary:
      'A call to a sink failed as a whole after its retries (unreachable, 5xx, 401/403/404); the run for that sink stopped at its last committed batch.',
    fix: "The cause's code names the sink's problem (permission, workspace id, outage). The next run resumes where this one stopped; nothing is lost.",
  },
  SOURCE_FAILED: {
    code: 'GSOC_INTEL_SOURCE_FAILED',
    actor: 'remote',
    summary:
      'A source could not be read (after retries); what was read before is kept and sinks are still reconciled with it.',
    fix: "The cause's code names the source's problem (credentials, enclave, outage). The next run resumes after the last stored page.",
  },
  RUN_BUSY: {
    code: 'GSOC_INTEL_RUN_BUSY',
    actor: 'caller',
    summary: 'Another instance (or `graphsoc serve`) is syncing the same source or sink right now.',
    fix: 'Wait for it to finish (the dashboard shows it), or stop that instance; two runs at once could send one batch twice to Graph.',
  },
  NOT_CONFIGURED: {
    code: 'GSOC_INTEL_NOT_CONFIGURED',
    actor: 'caller',
    summary:
      'The threat-intel sync is off, has no source or sink enabled, or names one that is not configured.',
    fix: 'Set intel.enabled, the sources and at least one [intel.sinks.*] section; docs/intel.md shows a complete example.',
  },
} as const satisfies ErrorCatalogue;

/** The code of the sink's or source's own error, for messages and the run row. */
const causeCode = (cause: unknown): string => (cause instanceof GsocError ? cause.code : 'UNKNOWN');
const causeText = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

export class SinkCallError extends RemoteError {
  constructor(
    readonly sink: string,
    cause: unknown,
  ) {
    super(
      errors.SINK_CALL_FAILED.code,
      `Sending to ${sink} failed (${causeCode(cause)}): ${causeText(cause)}`,
      {
        cause,
        details: { sink, cause: causeCode(cause) },
      },
    );
  }
}

export class SourceReadError extends RemoteError {
  constructor(
    readonly source: string,
    cause: unknown,
  ) {
    super(errors.SOURCE_FAILED.code, `Reading ${source} failed (${causeCode(cause)}): ${causeText(cause)}`, {
      cause,
      details: { source, cause: causeCode(cause) },
    });
  }
}

export class IntelBusyError extends CallerError {
  constructor(what: string, owner: string) {
    super(errors.RUN_BUSY.code, `${what} is being synced by ${owner} right now`, {
      details: { what, owner },
    });
  }
}

export class IntelNotConfiguredError extends CallerError {
  constructor(problem: string) {
    super(errors.NOT_CONFIGURED.code, `Threat-intel sync: ${problem}`);
  }
}

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
