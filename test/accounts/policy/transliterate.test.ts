// Names to account-name letters: German, French, Polish, Nordic, Turkish, Vietnamese and other
// names, and hostile ones (bidirectional overrides, zero-width characters, emoji, very long input).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialOf, MAX_NAME_INPUT, transliterate } from '../../../src/accounts/policy/transliterate.js';
import { assertLinear } from '../../helpers/linear-time.js';

const cases: Array<[string, string]> = [
  // German
  ['Jürgen', 'juergen'],
  ['Müller', 'mueller'],
  ['Größe', 'groesse'],
  ['Straßburger', 'strassburger'],
  ['ÄÖÜ', 'aeoeue'],
  ['GROẞ', 'gross'],
  ['Lüdenscheidt-Müller', 'luedenscheidtmueller'],
  ['Mu\u0308ller', 'mueller'], // decomposed ü counts like ü
  // French
  ['François', 'francois'],
  ['Zoë', 'zoe'],
  ['Hélène', 'helene'],
  ['Œdipe', 'oedipe'],
  ["D'Artagnan", 'dartagnan'],
  ['Jean-Baptiste', 'jeanbaptiste'],
  // Polish
  ['Łukasz', 'lukasz'],
  ['Wróbel', 'wrobel'],
  ['Zażółć Gęślą', 'zazolcgesla'],
  ['Źdźbło', 'zdzblo'],
  // Nordic
  ['Søren', 'soren'],
  ['Ærø', 'aero'],
  ['Åsa', 'asa'],
  ['Þórður', 'thordur'],
  ['Guðrún', 'gudrun'],
  // Turkish (umlauts expanded by default)
  ['Çağla', 'cagla'],
  ['Şükrü', 'suekrue'],
  ['İlkay', 'ilkay'],
  ['Işık', 'isik'],
  // Vietnamese
  ['Nguyễn', 'nguyen'],
  ['Đặng Thị Ngọc', 'dangthingoc'],
  ['Trần Văn Đức', 'tranvanduc'],
  // others
  ['Dvořák', 'dvorak'],
  ['Ħasan', 'hasan'],
  ['José María', 'josemaria'],
  ['ＡＮＮＡ', 'anna'], // fullwidth
  ['ﬁona', 'fiona'], // ligature
  ['Louis XIV', 'louisxiv'],
  ['Anna2', 'anna2'],
];

test('names in many languages become lower-case ASCII letters and digits', () => {
  for (const [name, want] of cases) assert.equal(transliterate(name), want, name);
});

test('umlauts can be dropped instead of expanded, for Turkish or Nordic populations', () => {
  assert.equal(transliterate('Öztürk', { umlauts: 'drop' }), 'ozturk');
  assert.equal(transliterate('Öztürk'), 'oeztuerk');
  assert.equal(transliterate('Hämäläinen', { umlauts: 'drop' }), 'hamalainen');
  assert.equal(transliterate('Straße', { umlauts: 'drop' }), 'strasse'); // ß is not an umlaut
});

test('a separator joins words once and never at either end', () => {
  assert.equal(transliterate('  Physik – Übung  ', { separator: '-' }), 'physik-uebung');
  assert.equal(transliterate('a -- b..c', { separator: '.' }), 'a.b.c');
  assert.equal(transliterate('-Anna-', { separator: '-' }), 'anna');
  assert.equal(transliterate('Anna 🎉 Lab', { separator: '-' }), 'anna-lab');
});

test('scripts without a Latin form, symbols and emoji give an empty result, not a guess', () => {
  for (const name of ['Дмитрий', 'Γιώργος', '王小明', 'محمد', '🎉🎉', '!!!', '', '   ', '\u200b'])
    assert.equal(transliterate(name), '', name);
  assert.equal(transliterate('Anna Дмитрий'), 'anna');
});

test('bidirectional overrides, zero-width and control characters are removed', () => {
  assert.equal(transliterate('An\u202Ena'), 'anna');
  assert.equal(transliterate('A\u200Bn\u200Dn\uFEFFa'), 'anna');
  assert.equal(transliterate('An\u0000n\u001Ba\u007F'), 'anna');
  assert.equal(transliterate('<script>alert(1)</script>'), 'scriptalert1script');
  assert.equal(transliterate('Anna\u{E0041}\u{E0042}'), 'anna'); // tag characters
  assert.equal(transliterate('Ann\uFE0Fa'), 'anna');
});

test('very long input is cut before any work and the result to 64 characters', () => {
  assert.equal(transliterate('a'.repeat(10_000)).length, 64);
  assert.equal(transliterate('a'.repeat(10_000), { maxLength: 10 }), 'a'.repeat(10));
  // What lies beyond the cut never counts, so a name cannot hide letters behind a megabyte of emoji.
  assert.equal(transliterate(`${'🎉'.repeat(MAX_NAME_INPUT)}anna`), '');
  assert.equal(transliterate('ß'.repeat(100)).length, 64);
});

test('the initial is the first letter or digit, transliterated', () => {
  assert.equal(initialOf('Émile'), 'e');
  assert.equal(initialOf('Łucja'), 'l');
  assert.equal(initialOf('Ärzte'), 'a');
  assert.equal(initialOf('  -Þór'), 't');
  assert.equal(initialOf('王'), '');
});

test('transliteration takes time linear in its input', async () => {
  await assertLinear('transliterate', (s) => transliterate(s), ['a', 'ä', '🎉', '\u202E', ' -', 'e\u0301']);
});
