// Typed errors of filing cases in Archer.
import { type ErrorCatalogue, RemoteError } from '../../platform/errors.js';

export const errors = {
  READ_BACK: {
    code: 'GSOC_PHISHING_CASE_READ_BACK',
    actor: 'remote',
    summary: 'Archer accepted a new record but did not keep a field graphsoc needs.',
    fix: 'Check the field names in [phishing.archer] and that the account may write them; Archer ignores values it does not accept without an error.',
  },
} as const satisfies ErrorCatalogue;

export class CaseReadBackError extends RemoteError {
  constructor(contentId: number, fields: readonly string[]) {
    super(
      errors.READ_BACK.code,
      `Archer record ${contentId} was created without the expected ${fields.join(' / ')}`,
      {
        details: { contentId, fields: [...fields] },
      },
    );
  }
}
