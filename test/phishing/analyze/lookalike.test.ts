import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, lookalikeOf, skeleton } from '../../../src/phishing/analyze/lookalike.js';

const OWN = ['contoso.com', 'fabrikam-payments.com'];

const CASES: Array<[string, string | null]> = [
  ['c0ntoso.com', 'homoglyph'],
  ['contoso.co', 'homoglyph'],
  ['cοntoso.com', 'homoglyph'], // Greek omicron
  ['xn--cntoso-wqf.com', 'punycode'], // cоntoso with Cyrillic о
  ['contosso.com', 'edit-distance'],
  ['fabrikam-paymemts.com', 'edit-distance'],
  ['fabrikarn-payments.com', 'homoglyph'],
  ['contoso.com', null],
  ['mail.contoso.com', null],
  ['fabrikam.example', null],
  ['northwind.example', null],
];

for (const [domain, kind] of CASES) {
  test(`${domain} ${kind ? `imitates an own domain (${kind})` : 'is no lookalike'}`, () => {
    assert.equal(lookalikeOf(domain, OWN)?.kind ?? null, kind);
  });
}

test('skeleton maps look-alike characters and sequences together', () => {
  assert.equal(skeleton('rnicrosoft'), skeleton('microsoft'));
  assert.equal(skeleton('paypa1'), skeleton('paypal'));
  assert.equal(editDistance('kitten', 'sitting'), 3);
});

test('short own names need an exact skeleton match: one letter off is not flagged', () => {
  assert.equal(lookalikeOf('abd.com', ['abc.com']), null);
});
