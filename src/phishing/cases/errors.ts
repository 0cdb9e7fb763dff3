// Typed errors of filing cases in Archer.
import { type ErrorCatalogue, RemoteError } from '../../platform/errors.js';

export const errors = {
  READ_BACK: {
    code: 'GSOC_PHISHING_CASE_READ_BACK',
    actor: 'remote',
    summary: 'Archer accepted a new record but did not keep a field graphsoc needs.',
    fix: 'Check the field names in [phishing.archer] and that the account may write them; Archer ignores values it does not accept without an error.',
  },
  NOT_OURS: {
    code: 'GSOC_PHISHING_CASE_NOT_OURS',
    actor: 'remote',
    summary:
      "The Archer record found by a campaign's key does not hold exactly that key in its campaign key field, so graphsoc does not write to it.",
    fix: "Look at the records whose campaign key field holds the key (Archer's search ignores case); restore the key as graphsoc wrote it, or clear it so that graphsoc files the campaign in a new record.",
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

/** graphsoc writes only to a record whose campaign key field holds the campaign's key. */
export class CaseNotOursError extends RemoteError {
  constructor(key: string, contentId: number) {
    super(
      errors.NOT_OURS.code,
      `Archer record ${contentId}, found by the key of campaign ${key}, holds another key; it is not written to`,
      { details: { campaign: key, contentId } },
    );
  }
}
