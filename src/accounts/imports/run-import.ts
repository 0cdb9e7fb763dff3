// A bulk import as the console's upload action runs it: the file read (csv/), one accounts_imports
// row, then every row either filed as an approved request of it or stored as a refusal with its
// code. The administrator's upload is the approval; the provisioning unit works them like any other. A second row for an address the file or the directory already has under the template is a
// GSOC_ACCOUNTS_REQUEST_DUPLICATE refusal, from the same unique index that guards the portal.
import { isGsocError } from '../../platform/errors.js';
import { importRecords } from '../csv/columns.js';
import { parseCsv } from '../csv/parse.js';
import { DuplicateRequestError } from '../errors.js';
import type { CompiledTemplate } from '../policy/templates.js';
import type { AccountImports } from '../store/imports.js';
import type { AccountRequests } from '../store/requests.js';
import { checkRow } from './check-row.js';

export interface ImportInput {
  data: Buffer;
  fileName: string;
  /** The form's template, for rows that name none. */
  template: string;
  /** The administrator's console name: the import's author and the requests' approver. */
  by: string;
}

export interface ImportSummary {
  id: number;
  rows: number;
  accepted: number;
  refused: number;
}

/** Throws CsvInvalidError or CsvTooLargeError before anything is stored when the file is unreadable. */
export async function runImport(
  deps: {
    requests: AccountRequests;
    imports: AccountImports;
    templates: ReadonlyMap<string, CompiledTemplate>;
  },
  input: ImportInput,
): Promise<ImportSummary> {
  const records = importRecords(parseCsv(input.data));
  const id = await deps.imports.create({
    createdBy: input.by,
    fileName: input.fileName.slice(0, 255),
    template: input.template,
    rows: records.length,
  });
  let accepted = 0;
  let refused = 0;
  const handle = async (index: number) => {
    const r = records[index];
    if (!r) return;
    // Row numbers count the data rows from 1, as a spreadsheet shows them below the header.
    const row = index + 1;
    const outcome = checkRow(r, deps.templates, input.template);
    if (!outcome.ok) {
      await deps.imports.refuse(id, {
        row,
        code: outcome.code,
        message: outcome.message,
        address: outcome.address,
      });
      refused += 1;
      return;
    }
    try {
      await deps.requests.file(
        {
          kind: 'account',
          template: outcome.template,
          address: outcome.address,
          givenName: outcome.givenName,
          surname: outcome.surname,
          locale: 'en',
          source: 'import',
          importId: id,
          importRow: row,
          approved: true,
          decidedBy: input.by,
        },
        input.by,
      );
      accepted += 1;
    } catch (e) {
      if (!(e instanceof DuplicateRequestError) && !(isGsocError(e) && e.actor === 'caller')) throw e;
      await deps.imports.refuse(id, { row, code: e.code, message: e.message, address: outcome.address });
      refused += 1;
    }
  };
  // One row after another, so of two rows for one address the first is filed and the later one is
  // the duplicate, on either database.
  for (let i = 0; i < records.length; i++) await handle(i);
  await deps.imports.finish(id, { accepted, refused });
  return { id, rows: records.length, accepted, refused };
}
