import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addressInName,
  claimedBrand,
  domainCarriesBrand,
  nameWords,
} from '../../../../src/phishing/analyze/signals/display-name.js';
import { mixedScriptWord } from '../../../../src/phishing/analyze/signals/mixed-script.js';
import { assertLinear, HOSTILE } from '../../../helpers/linear-time.js';

test('display names are compared as words, accents and compatibility forms folded', () => {
  assert.equal(nameWords('Microsoft account team ,_'), ' microsoft account team ');
  assert.equal(nameWords('ＭＩＣＲＯＳＯＦＴ'), ' microsoft ');
  assert.equal(nameWords('Société Générale'), ' societe generale ');
  assert.equal(nameWords(''), '  ');
});

test('a brand is claimed by whole words or phrases only', () => {
  const claims: Array<[string, string | null]> = [
    ['Microsoft account team', 'microsoft'],
    ['Office 365 Admin', 'office 365'],
    ['MICROSOFT 365', 'microsoft'],
    ['DocuSign via Signature Service', 'docusign'],
    ['PayPal Service', 'paypal'],
    ['Wells Fargo Online', 'wells fargo'],
    ['Applebee Jones', null],
    ['Micro Soft', null],
    ['Jane Doe', null],
    ['Chase Thompson', null],
    ['', null],
  ];
  for (const [name, want] of claims) assert.equal(claimedBrand(name)?.name ?? null, want, name);
});

test('the brand’s own domains, country domains and mail subdomains carry it; others do not', () => {
  const ms = claimedBrand('Microsoft')?.brand;
  assert.ok(ms);
  for (const label of ['microsoft', 'microsoftonline', 'office', 'outlook', 'live', 'microsoftstore'])
    assert.ok(domainCarriesBrand(ms, label), label);
  for (const label of ['micros0ft', 'contoso', 'secure-login', 'mail'])
    assert.ok(!domainCarriesBrand(ms, label), label);
  const apple = claimedBrand('Apple Support')?.brand;
  assert.ok(apple);
  assert.ok(domainCarriesBrand(apple, 'me'));
  // A short label must be the whole label: "me" is not carried by "somewhere".
  assert.ok(!domainCarriesBrand(apple, 'somewhere'));
});

test('an address written as the display name is found, with trailing dots dropped', () => {
  assert.equal(addressInName('"support@paypal.com"'), 'support@paypal.com');
  assert.equal(addressInName('Service (billing@Contoso.example.)'), 'billing@contoso.example');
  assert.equal(addressInName('Jane Doe'), null);
  assert.equal(addressInName('@ home'), null);
  assert.equal(addressInName('user@'), null);
  assert.equal(addressInName('a@localhost'), null);
});

test('look-alike letters: a word mixing Latin with Cyrillic or Greek, not whole words in one script', () => {
  assert.equal(mixedScriptWord('Micrоsoft account'), 'Micrоsoft'); // Cyrillic о
  assert.equal(mixedScriptWord('PаyPal'), 'PаyPal'); // Cyrillic а
  assert.equal(mixedScriptWord('Аpple ID'), 'Аpple'); // Cyrillic А
  assert.equal(mixedScriptWord('Привет, world'), null);
  assert.equal(mixedScriptWord('Καλημέρα Maria'), null);
  assert.equal(mixedScriptWord('Zürich café'), null);
  assert.equal(mixedScriptWord(''), null);
  assert.ok((mixedScriptWord(`a${'а'.repeat(1000)}`) ?? '').length <= 60);
});

test('display-name signals: linear on hostile shapes', async () => {
  const units = [...HOSTILE, 'а', 'aа', 'a@', '@a.', 'microsoft ', 'é'];
  await assertLinear('nameWords', nameWords, units);
  await assertLinear('claimedBrand', claimedBrand, units);
  await assertLinear('addressInName', addressInName, units);
  await assertLinear('mixedScriptWord', mixedScriptWord, units);
});

test('a brand spelled out a letter at a time is the brand; two letters are not a word', () => {
  assert.equal(claimedBrand('C o i n b a s e')?.name, 'coinbase');
  assert.equal(claimedBrand('P a y P a l Support')?.name, 'paypal');
  assert.equal(nameWords('A B team'), ' a b team ');
});
