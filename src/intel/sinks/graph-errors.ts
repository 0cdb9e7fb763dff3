// Error catalogue of the Graph tiIndicators sink: what it cannot leave to a per-record outcome.
import { type ErrorCatalogue, RemoteError } from '../../platform/errors.js';

export const graphSinkErrors = {
  RECOVER_INCOMPLETE: {
    code: 'GSOC_INTEL_GRAPH_RECOVER_INCOMPLETE',
    actor: 'remote',
    summary:
      'Graph did not delete every tiIndicator an interrupted submit may have created, so sending them again could double them.',
    fix: 'Nothing at first: the next run tries again. If it persists, check the message for the code Graph answered.',
  },
} as const satisfies ErrorCatalogue;

export class GraphRecoverError extends RemoteError {
  constructor(failed: number, first: string) {
    super(
      graphSinkErrors.RECOVER_INCOMPLETE.code,
      `Graph did not delete the tiIndicators of ${failed} interrupted record(s) by externalId: ${first}`,
      { retryable: true, details: { failed } },
    );
  }
}
