// Every function of parsing that reads mail text, on 1 MB of each hostile shape, in time linear in
// the input (issue 11). Durations are compared between sizes, never asserted.
import { test } from 'node:test';
import { isForwardFromInside } from '../../../src/phishing/parse/forward-from-inside.js';
import { htmlToText } from '../../../src/phishing/parse/html-text.js';
import { findInlineForward, parseAddress } from '../../../src/phishing/parse/inline-forward.js';
import { countContentTypeLines } from '../../../src/phishing/parse/mime.js';
import { parseReport } from '../../../src/phishing/parse/index.js';
import { reportKind } from '../../../src/phishing/parse/report-kind.js';
import { assertLinear, HOSTILE } from '../../helpers/linear-time.js';
import { messageOf } from '../analyze/report-of.js';

test('HTML to text: linear on every hostile shape', async () => {
  const units = [
    ...HOSTILE,
    '<style',
    '<head',
    '<script>',
    '</script ',
    '<br ',
    '<br/',
    '</p ',
    '</div',
    '<hr ',
    ' \t\r',
    '\t',
    '&#x',
    '&amp',
  ];
  await assertLinear('htmlToText', htmlToText, units);
  await assertLinear('htmlToText', htmlToText, [' ', '\t', 'x'], { tail: 'x\n' });
});

test('addresses in a forwarded header block: linear on every hostile shape', async () => {
  const units = [...HOSTILE, '<a@', '[a@', 'mailto:', 'a@a.', '<a@a> ', '\u2028', '"', ' <'];
  await assertLinear('parseAddress', parseAddress, units);
  await assertLinear('parseAddress', parseAddress, ['a', '@', 'a@', ' '], { head: 'x <', tail: '>' });
  await assertLinear('parseAddress', parseAddress, ['@', 'a@a', '.'], { head: 'x ', tail: '.com' });
});

test('forwarded header blocks: linear in the body, however many header-like lines it has', async () => {
  const units = [...HOSTILE, '\n', 'From: a\n', 'From: a@b.co\n', 'Subject: x\n', '> ', '*From:* ', 'Von: '];
  await assertLinear('findInlineForward (text)', (t) => findInlineForward(t, ''), units);
  await assertLinear('findInlineForward (html)', (t) => findInlineForward('', t), units);
  await assertLinear('findInlineForward (a long From line)', (t) => findInlineForward(t, ''), units, {
    head: 'From: ',
    tail: '\nSubject: s\n',
  });
});

test('report kind, forward prefix, authentication failure and part count: linear', async () => {
  const units = [...HOSTILE, 'FW: ', 'spf=', 'spf = ', '1 ', 'content-type:\n', 'Content-Type'];
  await assertLinear('reportKind', reportKind, units);
  await assertLinear(
    'isForwardFromInside',
    (v) =>
      isForwardFromInside(
        messageOf({
          subject: `FW: ${v}`,
          from: { name: '', address: 'a@contoso.com' },
          headers: [{ name: 'Authentication-Results', value: v }],
        }),
        ['contoso.com'],
      ),
    units,
  );
  await assertLinear(
    'countContentTypeLines',
    (v) => countContentTypeLines(new Uint8Array(Buffer.from(v))),
    units,
  );
});

test('parseReport of a report whose attached original has a hostile body: linear', async () => {
  const mail = (type: string) => (body: string) =>
    new Uint8Array(
      Buffer.from(
        [
          'From: <alice@contoso.com>',
          'Subject: FW: x',
          'Content-Type: multipart/mixed; boundary="b"',
          '',
          '--b',
          'Content-Type: message/rfc822',
          '',
          'From: <x@evil.example>',
          'Subject: x',
          `Content-Type: ${type}`,
          '',
          body,
          '--b--',
          '',
        ].join('\r\n'),
      ),
    );
  const units = ['a', '@', 'From: a\r\n', ' ', '<'];
  for (const type of ['text/plain', 'text/html'])
    await assertLinear(`parseReport (${type})`, (body) => parseReport(mail(type)(body)), units);
});
