// The group naming policy: prefix and suffix with the requester's attributes, blocked words whatever
// their case or accents, length limits, hostile names, and the mailNickname made from the whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AccountsConfigError, GroupNameError } from '../../../src/accounts/errors.js';
import { applyGroupNaming, compileGroupNaming } from '../../../src/accounts/policy/group-name.js';

const policy = compileGroupNaming({
  prefix: 'GRP-{department}-',
  suffix: ' ({office})',
  blockedWords: ['CEO', 'Präsident', 'payroll', 'human resources'],
  minLength: 3,
  maxLength: 64,
});
const attrs = { department: 'Physik', office: 'Stuttgart' };
const refusedFor = (reason: string, detail?: string) => (e: unknown) =>
  e instanceof GroupNameError &&
  e.reason === reason &&
  e.code === 'GSOC_ACCOUNTS_GROUP_NAME_REFUSED' &&
  (detail === undefined || e.details?.detail === detail);

test('the name gets its prefix and suffix with the attributes, and a mailNickname', () => {
  assert.deepEqual(applyGroupNaming('  Übungsgruppe   Quantenmechanik ', attrs, policy), {
    displayName: 'GRP-Physik-Übungsgruppe Quantenmechanik (Stuttgart)',
    mailNickname: 'grp-physik-uebungsgruppe-quantenmechanik-stuttgart',
  });
  const plain = compileGroupNaming({
    prefix: '',
    suffix: '',
    blockedWords: [],
    minLength: 1,
    maxLength: 256,
  });
  assert.deepEqual(applyGroupNaming('Łódź Chess Club', {}, plain), {
    displayName: 'Łódź Chess Club',
    mailNickname: 'lodz-chess-club',
  });
});

test('blocked words are refused whatever their case or accents, as whole words and phrases', () => {
  assert.throws(() => applyGroupNaming('ceo office', attrs, policy), refusedFor('BLOCKED_WORD', 'ceo'));
  assert.throws(
    () => applyGroupNaming('Team des PRASIDENT', attrs, policy),
    refusedFor('BLOCKED_WORD', 'prasident'),
  );
  assert.throws(() => applyGroupNaming('Payroll-2025', attrs, policy), refusedFor('BLOCKED_WORD'));
  assert.throws(
    () => applyGroupNaming('Human   Resources team', attrs, policy),
    refusedFor('BLOCKED_WORD', 'human resources'),
  );
  // Whole words only: a blocked word inside another word is not a match.
  assert.doesNotThrow(() => applyGroupNaming('CeOrbit Lab', attrs, policy));
  assert.doesNotThrow(() => applyGroupNaming('Human Factors', attrs, policy));
});

test('the blocked-word check reads only what the person typed, not the prefix', () => {
  const p = compileGroupNaming({
    prefix: '{title}-',
    suffix: '',
    blockedWords: ['ceo'],
    minLength: 1,
    maxLength: 64,
  });
  assert.equal(applyGroupNaming('Reading club', { title: 'CEO' }, p).displayName, 'CEO-Reading club');
});

test('length limits cover the requested part and the whole name', () => {
  assert.throws(() => applyGroupNaming('ab', attrs, policy), refusedFor('TOO_SHORT'));
  assert.throws(() => applyGroupNaming('x'.repeat(60), attrs, policy), refusedFor('TOO_LONG'));
  assert.throws(() => applyGroupNaming('x'.repeat(5000), attrs, policy), refusedFor('TOO_LONG'));
  assert.throws(() => applyGroupNaming('   ', attrs, policy), refusedFor('EMPTY'));
  assert.throws(() => applyGroupNaming(42, attrs, policy), refusedFor('EMPTY'));
});

test('hostile names are refused or kept as text, never turned into markup or hidden direction changes', () => {
  assert.throws(() => applyGroupNaming('Lab\u202Egpj.exe', attrs, policy), refusedFor('INVISIBLE_CHARACTER'));
  assert.throws(() => applyGroupNaming('La\u200Bb', attrs, policy), refusedFor('INVISIBLE_CHARACTER'));
  assert.throws(() => applyGroupNaming('Lab\u0000', attrs, policy), refusedFor('INVISIBLE_CHARACTER'));
  const script = applyGroupNaming('<script>alert(1)</script>', attrs, policy);
  assert.equal(script.mailNickname, 'grp-physik-scriptalert1script-stuttgart');
  assert.throws(
    () =>
      applyGroupNaming(
        '🎉🎉🎉',
        {},
        compileGroupNaming({ prefix: '', suffix: '', blockedWords: [], minLength: 1, maxLength: 64 }),
      ),
    refusedFor('NO_MAIL_NICKNAME'),
  );
});

test('a missing attribute is refused, naming it, rather than leaving a gap in the prefix', () => {
  assert.throws(
    () => applyGroupNaming('Reading club', { office: 'X' }, policy),
    refusedFor('ATTRIBUTE_MISSING', 'department'),
  );
  assert.throws(
    () => applyGroupNaming('Reading club', { department: '  ', office: 'X' }, policy),
    refusedFor('ATTRIBUTE_MISSING', 'department'),
  );
  assert.throws(
    () => applyGroupNaming('Reading club', { department: '\u202E', office: 'X' }, policy),
    refusedFor('ATTRIBUTE_MISSING'),
  );
});

test('the mailNickname is cut to 64 characters without a dash at the end', () => {
  const p = compileGroupNaming({ prefix: '', suffix: '', blockedWords: [], minLength: 1, maxLength: 256 });
  const n = applyGroupNaming(`${'ab '.repeat(80)}`, {}, p).mailNickname;
  assert.ok(n.length <= 64 && !n.endsWith('-') && /^[a-z0-9-]+$/.test(n), n);
});

test('an unknown attribute in a prefix is a configuration error', () => {
  assert.throws(
    () =>
      compileGroupNaming({ prefix: '{manager}-', suffix: '', blockedWords: [], minLength: 1, maxLength: 64 }),
    AccountsConfigError,
  );
  assert.throws(
    () =>
      compileGroupNaming({
        prefix: '{department',
        suffix: '',
        blockedWords: [],
        minLength: 1,
        maxLength: 64,
      }),
    AccountsConfigError,
  );
});
