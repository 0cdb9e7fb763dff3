// One import row checked before it becomes a request: the refusal codes for each kind of bad row, and
// hostile names kept as text or refused, never passed on with invisible characters.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ImportRecord } from '../../../src/accounts/csv/columns.js';
import { checkRow, cleanName } from '../../../src/accounts/imports/check-row.js';
import { compileTemplate } from '../../../src/accounts/policy/templates.js';
import { config } from '../console/harness.js';

const templates = new Map(config.templates.map((t) => [t.name, compileTemplate(t)]));
const row = (r: Partial<ImportRecord>): ImportRecord => ({
  line: 2,
  email: 'anna@stud.example.edu',
  givenName: 'Anna',
  surname: 'Müller',
  template: '',
  ...r,
});
const codeOf = (r: Partial<ImportRecord>) => {
  const o = checkRow(row(r), templates, 'students');
  return o.ok ? `ok:${o.template}` : o.code;
};

describe('import rows', () => {
  test('a good row is normalised and takes the form’s template unless it names one', () => {
    assert.deepEqual(checkRow(row({ email: '  Anna@STUD.Example.EDU ' }), templates, 'students'), {
      ok: true,
      address: 'anna@stud.example.edu',
      givenName: 'Anna',
      surname: 'Müller',
      template: 'students',
    });
    assert.equal(codeOf({ email: 'p@example.edu', template: 'staff' }), 'ok:staff');
  });

  test('each bad row gets its code', () => {
    assert.equal(codeOf({ problem: 'MALFORMED' }), 'GSOC_ACCOUNTS_IMPORT_ROW_INVALID');
    assert.equal(codeOf({ problem: 'CELL_COUNT' }), 'GSOC_ACCOUNTS_IMPORT_ROW_INVALID');
    assert.equal(codeOf({ template: 'nosuch' }), 'GSOC_ACCOUNTS_IMPORT_ROW_INVALID');
    assert.equal(codeOf({ email: 'a@gmail.com' }), 'GSOC_ACCOUNTS_ADDRESS_NOT_ELIGIBLE');
    assert.equal(
      codeOf({ email: 'p@example.edu' }),
      'GSOC_ACCOUNTS_ADDRESS_NOT_ELIGIBLE',
      'staff domain, student template',
    );
    for (const email of [
      '',
      'no-at',
      '"q"@stud.example.edu',
      'a\u202E@stud.example.edu',
      'a@[10.0.0.1]',
      'ä@stud.example.edu',
      `${'a'.repeat(300)}@stud.example.edu`,
    ])
      assert.equal(codeOf({ email }), 'GSOC_ACCOUNTS_ADDRESS_INVALID', JSON.stringify(email.slice(0, 20)));
    assert.equal(codeOf({ givenName: '' }), 'GSOC_ACCOUNTS_IMPORT_ROW_INVALID');
    assert.equal(
      codeOf({ surname: ' \u200B ' }),
      'GSOC_ACCOUNTS_IMPORT_ROW_INVALID',
      'only invisible is empty',
    );
    assert.equal(codeOf({ surname: 'x'.repeat(65) }), 'GSOC_ACCOUNTS_IMPORT_ROW_INVALID');
    assert.equal(codeOf({ givenName: '🎉', surname: '👩‍💻' }), 'GSOC_ACCOUNTS_NAME_UNUSABLE');
  });

  test('hostile names are kept as text without their invisible characters', () => {
    const o = checkRow(
      row({ givenName: '<script>alert(1)</script>', surname: 'Ævil\u202Etxt\u0000.exe' }),
      templates,
      'students',
    );
    assert.ok(o.ok);
    assert.equal(o.ok && o.givenName, '<script>alert(1)</script>');
    assert.equal(o.ok && o.surname, 'Æviltxt.exe');
    assert.equal(cleanName('\uFEFF Jörg\u200D '), 'Jörg');
    assert.equal(cleanName('😀 Émilie'), '😀 Émilie', 'emoji are visible');
  });

  test('a refusal never repeats a hostile address in its message', () => {
    const o = checkRow(row({ email: '<script>@x\u202E' }), templates, 'students');
    assert.ok(!o.ok);
    assert.doesNotMatch(o.ok ? '' : o.message, /script/);
  });
});
