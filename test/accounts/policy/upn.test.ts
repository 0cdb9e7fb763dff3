// Account names from a template: the pattern, Graph's rules, the numbered candidates and the first
// free one against a fake directory, exhausted tries, and the page's preview.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  NameUnusableError,
  UpnExhaustedError,
  UpnInvalidError,
  UpnPatternError,
} from '../../../src/accounts/errors.js';
import { compileUpnPattern } from '../../../src/accounts/policy/upn-pattern.js';
import { assertMailNickname, assertUpn, upnProblem } from '../../../src/accounts/policy/upn-rules.js';
import {
  baseLocalPart,
  candidates,
  firstFreeAccountName,
  previewAccountName,
  type UpnTemplate,
} from '../../../src/accounts/policy/upn.js';

const template = (pattern = '{given}.{surname}', domain = 'example.edu'): UpnTemplate => ({
  domain,
  pattern: compileUpnPattern(pattern),
});
const dotted = template();

test('a pattern fills in the transliterated names', () => {
  const n = { given: 'Jürgen', surname: 'Müller-Lüdenscheidt' };
  assert.equal(baseLocalPart(n, dotted), 'juergen.muellerluedenscheidt');
  assert.equal(baseLocalPart(n, template('{initial}{surname}')), 'jmuellerluedenscheidt');
  assert.equal(baseLocalPart(n, template('{surname}{initial}')), 'muellerluedenscheidtj');
  assert.equal(baseLocalPart(n, template('s-{surname}')), 's-muellerluedenscheidt');
  assert.equal(baseLocalPart(n, template('{given}_{surnameInitial}')), 'juergen_m');
  assert.equal(baseLocalPart({ given: 'Nguyễn Văn', surname: 'Đức' }, dotted), 'nguyenvan.duc');
  assert.equal(baseLocalPart({ given: 'Søren', surname: 'Kierkegaard' }, dotted), 'soren.kierkegaard');
});

test('a person with one name gets no stray separator', () => {
  assert.equal(baseLocalPart({ given: '', surname: 'Suharto' }, dotted), 'suharto');
  assert.equal(baseLocalPart({ given: 'Teller', surname: '' }, dotted), 'teller');
  assert.equal(baseLocalPart({ given: 'Anna', surname: '王' }, dotted), 'anna');
  assert.equal(baseLocalPart({ given: 'Anna', surname: '' }, template('x..{surname}..{given}-')), 'x.anna');
});

test('a name without Latin letters is NAME_UNUSABLE naming the field', () => {
  const cases: Array<[{ given: string; surname: string }, string, string, string?]> = [
    [{ given: '', surname: '' }, 'name', 'EMPTY'],
    [{ given: '  ', surname: '\u200b' }, 'name', 'NO_LATIN_LETTERS'],
    [{ given: 'Дмитрий', surname: 'Иванов' }, 'name', 'NO_LATIN_LETTERS'],
    [{ given: 'Anna', surname: '🎉' }, 'surname', 'NO_LATIN_LETTERS', '{surname}'],
  ];
  for (const [name, field, reason, pattern] of cases)
    assert.throws(
      () => baseLocalPart(name, pattern ? template(pattern) : dotted),
      (e) =>
        e instanceof NameUnusableError &&
        e.field === field &&
        e.reason === reason &&
        e.code === 'GSOC_ACCOUNTS_NAME_UNUSABLE',
      JSON.stringify(name),
    );
});

test('a long name is cut to 64 characters, or less when the domain is long, without a dot at the end', () => {
  const long = { given: 'A'.repeat(40), surname: 'B'.repeat(40) };
  const base = baseLocalPart(long, dotted);
  assert.equal(base.length, 64);
  assert.equal(base, `${'a'.repeat(40)}.${'b'.repeat(23)}`);
  assert.equal(baseLocalPart({ given: 'A'.repeat(63), surname: 'B' }, dotted), 'a'.repeat(63));
  const domain = `${'d'.repeat(44)}.edu`; // 48 characters: 113 - 1 - 48 leaves 64
  assert.equal(baseLocalPart(long, template('{given}.{surname}', domain)).length, 64);
});

test('patterns with unknown placeholders, no name or bad characters are refused at load', () => {
  for (const p of [
    '',
    '{first}.{last}',
    '{initial}',
    'fixed',
    '{given}@{surname}',
    '{given} {surname}',
    '{given',
    'A{surname}',
    'x'.repeat(65),
  ])
    assert.throws(() => compileUpnPattern(p), UpnPatternError, p);
});

test("Graph's UPN and mailNickname rules", () => {
  const bad: Array<[string, string]> = [
    ['anna.@example.edu', 'DOT_AT_END'],
    ['.anna@example.edu', 'DOT_AT_END'],
    ['an..na@example.edu', 'DOUBLE_DOT'],
    ['anna@example', 'DOMAIN_INVALID'],
    ['anna@@example.edu', 'CHARACTER'],
    ['an na@example.edu', 'CHARACTER'],
    ['änna@example.edu', 'CHARACTER'],
    ['@example.edu', 'LOCAL_EMPTY'],
    [`${'a'.repeat(65)}@example.edu`, 'LOCAL_TOO_LONG'],
    [`anna@${'d'.repeat(45)}.edu`, 'DOMAIN_TOO_LONG'],
    [`${'a'.repeat(64)}@${'d'.repeat(50)}.edu`, 'TOTAL_TOO_LONG'],
  ];
  for (const [upn, rule] of bad) assert.equal(upnProblem(upn), rule, upn);
  assert.equal(upnProblem("o'brien_x-y!#^~@example.edu"), undefined);
  assert.throws(
    () => assertUpn('a..b@example.edu'),
    (e) => e instanceof UpnInvalidError && e.rule === 'DOUBLE_DOT',
  );
  assert.throws(() => assertMailNickname('a(b)'), UpnInvalidError);
  assert.throws(() => assertMailNickname('x'.repeat(65)), UpnInvalidError);
  assert.doesNotThrow(() => assertMailNickname('anna.mueller'));
});

test('candidates are base, base2, base3 …, cut so the number fits', () => {
  assert.deepEqual(
    [...candidates('anna.mueller', 4)],
    ['anna.mueller', 'anna.mueller2', 'anna.mueller3', 'anna.mueller4'],
  );
  const long = [...candidates(`${'a'.repeat(62)}.b`, 12)];
  assert.equal(long[0], `${'a'.repeat(62)}.b`);
  assert.equal(long[1], `${'a'.repeat(62)}2`); // the dot would come before the number: cut
  assert.equal(long[11], `${'a'.repeat(62)}12`);
  for (const c of long) assert.ok(c.length <= 64 && !c.includes('..'), c);
  // A cut never leaves a dot before the number.
  assert.equal([...candidates(`${'a'.repeat(62)}.bc`, 2)][1], `${'a'.repeat(62)}2`);
  // A base whose end reads like a number never yields the same name twice.
  const tricky = [...candidates(`${'a'.repeat(62)}10`, 12)];
  assert.equal(new Set(tricky).size, tricky.length);
});

test('the first free name is found against the directory, in order, one lookup at a time', async () => {
  const taken = new Set(['anna.mueller@example.edu', 'anna.mueller2@example.edu']);
  const asked: string[] = [];
  const got = await firstFreeAccountName({ given: 'Anna', surname: 'Müller' }, dotted, async (upn) => {
    asked.push(upn);
    return taken.has(upn);
  });
  assert.deepEqual(got, { upn: 'anna.mueller3@example.edu', mailNickname: 'anna.mueller3', tries: 3 });
  assert.deepEqual(asked, [
    'anna.mueller@example.edu',
    'anna.mueller2@example.edu',
    'anna.mueller3@example.edu',
  ]);
});

test('all candidates taken is UPN_EXHAUSTED after exactly maxTries lookups', async () => {
  let lookups = 0;
  await assert.rejects(
    firstFreeAccountName({ given: 'Anna', surname: 'Müller' }, dotted, async () => ++lookups > 0, {
      maxTries: 5,
    }),
    (e) =>
      e instanceof UpnExhaustedError &&
      e.tries === 5 &&
      e.code === 'GSOC_ACCOUNTS_UPN_EXHAUSTED' &&
      e.httpStatus === 409,
  );
  assert.equal(lookups, 5);
});

test('a failing lookup propagates: an outage is not a taken name', async () => {
  const outage = new Error('graph down');
  await assert.rejects(
    firstFreeAccountName({ given: 'A', surname: 'B' }, dotted, async () => {
      throw outage;
    }),
    (e) => e === outage,
  );
});

test('an aborted search stops before the next lookup', async () => {
  const ac = new AbortController();
  let lookups = 0;
  await assert.rejects(
    firstFreeAccountName(
      { given: 'A', surname: 'B' },
      dotted,
      async () => {
        lookups++;
        ac.abort();
        return true;
      },
      { signal: ac.signal },
    ),
    { name: 'AbortError' },
  );
  assert.equal(lookups, 1);
});

test('a template with a domain Graph would refuse fails before any lookup', async () => {
  await assert.rejects(
    firstFreeAccountName(
      { given: 'A', surname: 'B' },
      template('{given}', `${'d'.repeat(50)}.edu`),
      async () => {
        throw new Error('not reached');
      },
    ),
    (e) => e instanceof UpnInvalidError && e.rule === 'DOMAIN_TOO_LONG',
  );
});

test('the preview shows the first candidate or a reason, and never asks the directory', () => {
  assert.deepEqual(previewAccountName({ given: 'Zoë', surname: "O'Brien" }, dotted), {
    ok: true,
    upn: 'zoe.obrien@example.edu',
    mailNickname: 'zoe.obrien',
  });
  assert.deepEqual(previewAccountName({ given: '王', surname: '小明' }, dotted), {
    ok: false,
    code: 'GSOC_ACCOUNTS_NAME_UNUSABLE',
    reason: 'NO_LATIN_LETTERS',
  });
  assert.equal(previewAccountName({ given: 1, surname: null }, dotted).ok, false);
  assert.deepEqual(previewAccountName({ given: 'a'.repeat(5000), surname: 'b' }, dotted), {
    ok: false,
    code: 'GSOC_ACCOUNTS_NAME_UNUSABLE',
    reason: 'NOT_TEXT',
  });
  const hostile = previewAccountName({ given: '<script>\u202E', surname: 'x'.repeat(4000) }, dotted);
  assert.ok(hostile.ok && /^[a-z0-9.]+@example\.edu$/.test(hostile.upn) && hostile.mailNickname.length <= 64);
});
