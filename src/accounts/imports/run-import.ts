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

/** Rows filed at once; well under the PostgreSQL pool's 10 connections, so pages stay served. */
const AT_ONCE = 6;

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
  // A second row for an address and template already in this file is refused here, before any
  // filing, so that the first row wins however the lanes below interleave.
  const firstRow = new Map<string, number>();
  const outcomes = records.map((r, i) => {
    const o = checkRow(r, deps.templates, input.template);
    if (!o.ok) return o;
    const key = `${o.template}\u0000${o.address}`;
    const first = firstRow.get(key);
    if (first === undefined) {
      firstRow.set(key, i + 1);
      return o;
    }
    const dup = new DuplicateRequestError(o.template);
    return {
      ok: false as const,
      code: dup.code,
      message: `${dup.message} (row ${first} of this file)`,
      address: o.address,
    };
  });
  const handle = async (index: number) => {
    const outcome = outcomes[index];
    if (!outcome) return;
    // Row numbers count the data rows from 1, as a spreadsheet shows them below the header.
    const row = index + 1;
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
      // The address has a live request under the template already (from the portal, or an earlier
      // import): the same unique index that guards the portal says so.
      if (!(e instanceof DuplicateRequestError) && !(isGsocError(e) && e.actor === 'caller')) throw e;
      await deps.imports.refuse(id, { row, code: e.code, message: e.message, address: outcome.address });
      refused += 1;
    }
  };
  // A few rows at once: each filing is its own transaction, and PostgreSQL's pool runs them side by
  // side (10,000 rows one after another take about a minute there); SQLite queues them.
  let next = 0;
  const lane = async () => {
    while (next < outcomes.length) await handle(next++);
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, outcomes.length) }, lane));
  await deps.imports.finish(id, { accepted, refused });
  return { id, rows: records.length, accepted, refused };
}
