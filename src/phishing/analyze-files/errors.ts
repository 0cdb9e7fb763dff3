// Typed errors of `graphsoc phishing analyze`. A message that cannot be parsed or read is no error
// here: it gets its own output line. These are faults of the run itself.
import { type ErrorCatalogue, InternalError } from '../../platform/errors.js';

export const errors = {
  WORKER_FAILED: {
    code: 'GSOC_PHISHING_ANALYZE_WORKER_FAILED',
    actor: 'internal',
    summary: 'A worker thread of `graphsoc phishing analyze` stopped before it had analysed a single file.',
    fix: 'Run again with --jobs 1 to analyse in the main thread, and report the message as a bug.',
  },
} as const satisfies ErrorCatalogue;

export class AnalyzeWorkerError extends InternalError {
  constructor(reason: string, cause?: unknown) {
    super(errors.WORKER_FAILED.code, `a worker thread failed before its first answer: ${reason}`, { cause });
  }
}
