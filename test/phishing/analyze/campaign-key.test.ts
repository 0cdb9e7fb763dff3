import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseSubject, urlSetFingerprint } from '../../../src/phishing/analyze/index.js';

const SUBJECTS: Array<[string, string]> = [
  ['RE: FW: Invoice 123', 'invoice 123'],
  ['AW: WG:  Rechnung   Nr. 5', 'rechnung nr. 5'],
  ['[EXTERNAL] Fwd: Your account', 'your account'],
  ['*EXTERNAL*: RE[2]: Payment', 'payment'],
  ['TR: Facture', 'facture'],
  ['Re: Re: re: hello', 'hello'],
  ['Ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
  ['Regarding the offer', 'regarding the offer'],
];

for (const [input, want] of SUBJECTS) {
  test(`subject "${input}" normalises to "${want}"`, () => assert.equal(normaliseSubject(input), want));
}

test('the URL fingerprint ignores order, duplicates, query tokens, fragments and host case', () => {
  const a = urlSetFingerprint(['https://evil.example/login?u=alice', 'https://cdn.evil.example/a.png#x']);
  const b = urlSetFingerprint([
    'https://CDN.evil.example/a.png',
    'https://evil.example/login?u=bob',
    'https://evil.example/login/',
  ]);
  assert.equal(a, b);
  assert.match(a ?? '', /^[0-9a-f]{64}$/);
  assert.notEqual(a, urlSetFingerprint(['https://evil.example/other']));
  assert.equal(urlSetFingerprint([]), null);
});
