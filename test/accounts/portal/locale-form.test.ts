// The portal's pure parts: Accept-Language negotiation by q-value, the translators (plain and with
// values escaped in <bdi>), the form body parser, and both languages holding every text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { htmlTranslator, localeOf, negotiate, translator } from '../../../src/accounts/portal/locale.js';
import { DE } from '../../../src/accounts/portal/messages-de.js';
import { EN } from '../../../src/accounts/portal/messages-en.js';
import { parseForm } from '../../../src/accounts/portal/routes.js';
import { assertLinear } from '../../helpers/linear-time.js';

describe('portal languages', () => {
  test('Accept-Language: the highest q we speak wins, ties in header order', () => {
    const cases: Array<[string | undefined, 'en' | 'de']> = [
      [undefined, 'en'],
      ['', 'en'],
      ['de', 'de'],
      ['de-AT', 'de'],
      ['DE-de', 'de'],
      ['fr, de;q=0.5, en;q=0.4', 'de'],
      ['en;q=0.5, de;q=0.9', 'de'],
      ['de;q=0.5, en;q=0.5', 'de'],
      ['de;q=0, en;q=0.1', 'en'],
      ['de;q=abc', 'en'],
      ['de;q=1.5', 'en'],
      ['fr, it', 'en'],
      ['*', 'en'],
      ['x'.repeat(10_000), 'en'],
      [`${'fr,'.repeat(300)}de`, 'en'],
    ];
    for (const [header, want] of cases) assert.equal(negotiate(header), want, String(header).slice(0, 40));
  });

  test('?lang= over the cookie over the header', () => {
    const req = (query: Record<string, unknown>, cookie?: string, al?: string) => ({
      query,
      headers: { ...(cookie ? { cookie } : {}), ...(al ? { 'accept-language': al } : {}) },
    });
    assert.equal(localeOf(req({ lang: 'de' }, 'graphsoc-accounts-lang=en', 'en')), 'de');
    assert.equal(localeOf(req({}, 'graphsoc-accounts-lang=de', 'en')), 'de');
    assert.equal(localeOf(req({ lang: 'xx' }, 'graphsoc-accounts-lang=zz', 'de')), 'de');
    assert.equal(localeOf(req({ lang: ['de'] }, undefined, undefined)), 'en');
  });

  test('texts: German has every English key; values escaped and isolated in the HTML translator', () => {
    assert.deepEqual(Object.keys(DE).sort(), Object.keys(EN).sort());
    assert.equal(translator('de')('request.verified', { address: '<a>' }), 'Bestätigte Adresse: <a>');
    assert.equal(
      htmlTranslator('en')('request.verified', { address: '<script>\u202E' }),
      'Verified address: <bdi>&lt;script&gt;\u202E</bdi>',
    );
    assert.equal(
      htmlTranslator('en')('kind.group-join', { group: '{title}' }),
      'Join group: <bdi>{title}</bdi>',
    );
  });

  test('negotiation is linear in the header', async () => {
    await assertLinear('negotiate', (s) => negotiate(s), ['de;q=0.5,', ',', ';', ';q=', 'a-']);
  });
});

describe('portal form bodies', () => {
  test('first value of a repeated field wins; no prototype keys', () => {
    const f = parseForm('a=1&a=2&__proto__=x&constructor=y&b=%3Cscript%3E');
    assert.equal(f?.a, '1');
    assert.equal(f?.b, '<script>');
    assert.equal(Object.getPrototypeOf(f), null);
    assert.equal(f?.['__proto__' as string], 'x');
  });

  test('more than 32 fields are refused', () => {
    assert.equal(parseForm(Array.from({ length: 33 }, (_, i) => `f${i}=1`).join('&')), undefined);
    assert.ok(parseForm(Array.from({ length: 32 }, (_, i) => `f${i}=1`).join('&')));
  });
});
