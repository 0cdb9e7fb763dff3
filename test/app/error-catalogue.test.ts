import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CATALOGUES, renderErrorsDoc, SERVER_ERRORS } from '../../src/app/error-catalogue.js';

test('docs/errors.md matches the error catalogues (run npm run docs:errors after changing one)', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  assert.equal(doc, renderErrorsDoc());
});

test('every error code is unique and follows GSOC_<AREA>_<WHAT>', () => {
  const codes = [SERVER_ERRORS, ...Object.values(CATALOGUES)].flatMap((c) =>
    Object.values(c).map((e) => e.code),
  );
  assert.equal(new Set(codes).size, codes.length, 'a code repeats');
  for (const c of codes) assert.match(c, /^GSOC_[A-Z0-9]+(_[A-Z0-9]+)*$/);
});
