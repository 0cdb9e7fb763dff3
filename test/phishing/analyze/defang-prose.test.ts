// defangProse: links and host-like words in free text are defanged, other words kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defangProse } from '../../../src/phishing/analyze/index.js';

const cases: Array<[string, string]> = [
  ['Nothing to see here.', 'Nothing to see here.'],
  ['Reset at https://login.evil.example/reset now', 'Reset at hxxps://login[.]evil[.]example/reset now'],
  ['HTTPS://A.EXAMPLE', 'hxxps://A[.]EXAMPLE'],
  [
    'Link text says paypal.com, goes to http://paypa1.example',
    'Link text says paypal[.]com, goes to hxxp://paypa1[.]example',
  ],
  ['mail bob@evil.example today', 'mail bob[@]evil[.]example today'],
  ['version 1.2 and e.g. things', 'version 1.2 and e.g. things'],
  ['ftp://files.evil.example/x.zip', 'fxp://files[.]evil[.]example/x.zip'],
  // A host at the end of a sentence, in brackets or quotes keeps its punctuation and loses its link.
  ["The sender's domain c0ntoso.com.", "The sender's domain c0ntoso[.]com."],
  ['From <it@c0ntoso.com>, see (evil.example).', 'From <it[@]c0ntoso[.]com>, see (evil[.]example).'],
  ['Go to "https://evil.example/a".', 'Go to "hxxps://evil[.]example/a".'],
  ['Message-ID <abc.123@mail.evil.example>', 'Message-ID <abc[.]123[@]mail[.]evil[.]example>'],
  ['Done. Really!', 'Done. Really!'],
];

for (const [input, expected] of cases) {
  test(JSON.stringify(input), () => assert.equal(defangProse(input), expected));
}

test('no live scheme survives', () => {
  const out = defangProse('a http://x.example b https://y.example/z?q=1 c');
  assert.ok(!/https?:\/\//.test(out));
});
