import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defang, refang } from '../../../src/phishing/analyze/index.js';

const REFANG: Array<[string, string]> = [
  ['hxxp://evil.example/a', 'http://evil.example/a'],
  ['hxxps://evil[.]example/a', 'https://evil.example/a'],
  ['hXXps://evil(.)example', 'https://evil.example'],
  ['hxxps[:]//evil[.]example', 'https://evil.example'],
  ['hxxp[://]evil{.}example', 'http://evil.example'],
  ['h**ps://evil[dot]example', 'https://evil.example'],
  ['https://evil\\.example', 'https://evil.example'],
  ['evil [.] example', 'evil.example'],
  ['user[@]evil[.]example', 'user@evil.example'],
  ['user(at)evil(dot)example', 'user@evil.example'],
  ['203[.]0[.]113[.]45', '203.0.113.45'],
  ['fxp://files[.]evil.example', 'ftp://files.evil.example'],
  ['plain text with no indicators.', 'plain text with no indicators.'],
];

for (const [input, want] of REFANG) {
  test(`refang turns ${input} into ${want}`, () => assert.equal(refang(input), want));
}

const DEFANG: Array<[string, string]> = [
  ['https://evil.example/path.php?a=b.c', 'hxxps://evil[.]example/path.php?a=b.c'],
  ['http://203.0.113.45:8080/x', 'hxxp://203[.]0[.]113[.]45:8080/x'],
  ['ftp://files.evil.example', 'fxp://files[.]evil[.]example'],
  ['user@evil.example', 'user[@]evil[.]example'],
  ['evil.example', 'evil[.]example'],
  ['203.0.113.45', '203[.]0[.]113[.]45'],
];

for (const [input, want] of DEFANG) {
  test(`defang shows ${input} as ${want}, and refang undoes it`, () => {
    assert.equal(defang(input), want);
    assert.equal(refang(defang(input)), input);
  });
}
