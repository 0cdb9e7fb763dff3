// Errors of the analysis worker threads. A report over its time budget is no error: it is filed with
// a partial analysis and says so. These are the ways an analysis can end without any result.
import { type ErrorCatalogue, InternalError } from '../../platform/errors.js';

export const errors = {
  WORKER_DIED: {
    code: 'GSOC_PHISHING_ANALYSIS_WORKER_DIED',
    actor: 'internal',
    summary:
      'The worker thread analysing a report stopped before it finished: it crashed or ran out of memory on the message.',
    fix: 'Nothing at once: the report counts an attempt and is tried again, and is quarantined after `phishing.maxAttempts`. Run `graphsoc phishing analyze` on its message to see the failure, report it as a bug, then release the report.',
  },
  FAILED: {
    code: 'GSOC_PHISHING_ANALYSIS_FAILED',
    actor: 'internal',
    summary: 'Parsing or analysing a report raised an error (a bug on a message graphsoc does not expect).',
    fix: 'Report it as a bug with the report id; the report counts an attempt, is retried and quarantined after `phishing.maxAttempts`, and can be released once fixed.',
  },
  UNAVAILABLE: {
    code: 'GSOC_PHISHING_ANALYSIS_UNAVAILABLE',
    actor: 'internal',
    summary:
      'An analysis worker thread could not start (a broken installation, or no memory for another thread).',
    fix: 'Check the installation (a complete dist/ folder, or tsx when running from the sources) and the memory available. Reports wait without counting attempts, like in an outage, and go on once a worker starts.',
  },
} as const satisfies ErrorCatalogue;

export class AnalysisWorkerDied extends InternalError {
  constructor(why: string, cause?: unknown) {
    super(errors.WORKER_DIED.code, `the analysis worker stopped before it finished: ${why}`, { cause });
  }
}

export class AnalysisFailed extends InternalError {
  constructor(why: string) {
    super(errors.FAILED.code, `the analysis failed: ${why}`);
  }
}

/** Retryable: no report is to blame, so none counts an attempt for it (process-report.ts). */
export class AnalysisUnavailable extends InternalError {
  constructor(why: string, cause?: unknown) {
    super(errors.UNAVAILABLE.code, `no analysis worker could start: ${why}`, { cause });
  }
  override get retryable(): boolean {
    return true;
  }
}
