// Errors of the phishing job's store.
import { type ErrorCatalogue, InternalError } from '../../platform/errors.js';

export const errors = {
  RECORD_INVALID: {
    code: 'GSOC_PHISHING_RECORD_INVALID',
    actor: 'internal',
    summary:
      "A report's stored analysis (phishing_reports.analysis) is not the shape this version writes, so its case is not built from it.",
    fix: 'Report it as a bug with the report id; after a downgrade, upgrade again. The report retries and is quarantined with this reason if it persists.',
  },
} as const satisfies ErrorCatalogue;

export class StoredRecordError extends InternalError {
  constructor(reportId: number | undefined, why: string) {
    super(errors.RECORD_INVALID.code, `the stored analysis of report ${reportId ?? '?'} is invalid: ${why}`, {
      details: { reportId },
    });
  }
}
