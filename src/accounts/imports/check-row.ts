// One row of a bulk import checked before it becomes a request: readable (no stray quote, as many
// cells as the header), an address that policy/address.ts accepts and the row's template takes, and
// names a person has (not empty, at most Graph's 64 characters, giving letters for an account name).
// Pure: the outcome is a request to file or a refusal with a stable code and a message that never
// repeats the row's hostile text beyond the template name it asked for.
import { isGsocError } from '../../platform/errors.js';
import type { ImportRecord } from '../csv/columns.js';
import { errors as csvErrors } from '../csv/errors.js';
import { normaliseAddress } from '../policy/address.js';
import { isEligible } from '../policy/eligibility.js';
import { isInvisible } from '../policy/invisible.js';
import type { CompiledTemplate } from '../policy/templates.js';
import { baseLocalPart } from '../policy/upn.js';
import { errors } from '../errors.js';

/** Graph's limit for givenName and surname. */
export const MAX_NAME = 64;

export type RowOutcome =
  | { ok: true; address: string; givenName: string; surname: string; template: string }
  | { ok: false; code: string; message: string; address: string | null };

const ROW = csvErrors.IMPORT_ROW_INVALID.code;

/** Trimmed, without characters a person cannot see (as the portal keeps names). */
export function cleanName(name: string): string {
  let out = '';
  for (const ch of name) if (!isInvisible(ch.codePointAt(0) as number)) out += ch;
  return out.trim();
}

export function checkRow(
  r: ImportRecord,
  templates: ReadonlyMap<string, CompiledTemplate>,
  defaultTemplate: string,
): RowOutcome {
  const refuse = (code: string, message: string, address: string | null = null): RowOutcome => ({
    ok: false,
    code,
    message,
    address,
  });
  const shownAddress = r.email.trim().slice(0, 254) || null;
  if (r.problem === 'MALFORMED')
    return refuse(ROW, 'The row has a stray quote; its cells cannot be trusted.', shownAddress);
  if (r.problem === 'CELL_COUNT')
    return refuse(ROW, 'The row has a different number of cells than the header.', shownAddress);
  const name = r.template === '' ? defaultTemplate : r.template;
  const template = templates.get(name);
  if (!template)
    return refuse(ROW, `There is no template ${JSON.stringify(name.slice(0, 40))}.`, shownAddress);
  let address: string;
  try {
    const a = normaliseAddress(r.email);
    if (!isEligible(a, template.eligibility))
      return refuse(
        errors.ADDRESS_NOT_ELIGIBLE.code,
        `The address is not eligible for template ${name}.`,
        a.address,
      );
    // The key (local part lower-cased) is the form stored unique (policy/address.ts): `Anna@x` and
    // `anna@x` are one person, and the one-account index compares this column as it is.
    address = a.key;
  } catch (e) {
    if (!isGsocError(e)) throw e;
    return refuse(e.code, e.message, shownAddress);
  }
  const givenName = cleanName(r.givenName);
  const surname = cleanName(r.surname);
  if (givenName === '' || surname === '')
    return refuse(ROW, 'The given name and the surname must not be empty.', address);
  if ([...givenName].length > MAX_NAME || [...surname].length > MAX_NAME)
    return refuse(ROW, `A name is longer than ${MAX_NAME} characters.`, address);
  try {
    baseLocalPart({ given: givenName, surname }, template.upn);
  } catch (e) {
    if (!isGsocError(e)) throw e;
    return refuse(e.code, e.message, address);
  }
  return { ok: true, address, givenName, surname, template: name };
}
