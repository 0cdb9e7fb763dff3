// Removing Microsoft's verdict headers for the mail-dev bench: exactly the named fields, nothing else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripMicrosoftVerdict } from '../../bench/mail-dev-strip.js';
import { assertLinear, HOSTILE } from '../helpers/linear-time.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const strip = (s: string) => {
  const r = stripMicrosoftVerdict(bytes(s));
  return { text: Buffer.from(r.bytes).toString('latin1'), removed: r.removed };
};

test('removes the verdict fields with their folded lines and keeps the rest in order', () => {
  const mail = [
    'Received: from a.example by b.example',
    'X-MS-Exchange-Organization-SCL: 9',
    'Authentication-Results: spf=fail smtp.mailfrom=x.example; compauth=fail reason=001',
    'X-Forefront-Antispam-Report: CIP:192.0.2.1;CTRY:;LANG:en;SCL:9;',
    '\tSFV:SPM;',
    'From: Someone <a@x.example>',
    'x-microsoft-antispam-message-info: abc',
    ' def',
    'X-Microsoft-Antispam: BCL:0;',
    'X-Forefront-Antispam-Report-Untrusted: SFV:NSPM',
    'X-MS-Exchange-Organization-AuthAs: Anonymous',
    'X-MS-Exchange-CrossTenant-Id: kept',
    'Subject: hello',
    '',
    'X-MS-Exchange-Organization-SCL: 1 (in the body: kept)',
    '',
  ].join('\r\n');
  const { text, removed } = strip(mail);
  assert.equal(removed, 6);
  assert.equal(
    text,
    [
      'Received: from a.example by b.example',
      'Authentication-Results: spf=fail smtp.mailfrom=x.example; compauth=fail reason=001',
      'From: Someone <a@x.example>',
      'X-MS-Exchange-CrossTenant-Id: kept',
      'Subject: hello',
      '',
      'X-MS-Exchange-Organization-SCL: 1 (in the body: kept)',
      '',
    ].join('\r\n'),
  );
});

test('works on bare LF line ends, spaces before the colon and any letter case', () => {
  const { text, removed } = strip(
    'A: 1\nx-ms-exchange-organization-pcl : 8\nX-MICROSOFT-ANTISPAM: x\nB: 2\n\nbody\n',
  );
  assert.equal(removed, 2);
  assert.equal(text, 'A: 1\nB: 2\n\nbody\n');
});

test('hands back the very same bytes when nothing is removed, whatever they are', () => {
  const input = new Uint8Array([0x41, 0x3a, 0x20, 0xff, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a, 0x80, 0x00]);
  const r = stripMicrosoftVerdict(input);
  assert.equal(r.removed, 0);
  assert.equal(r.bytes, input);
});

test('keeps bytes that are not UTF-8 unchanged around a removed field', () => {
  const { text } = strip('Subject: caf\xe9\r\nX-Microsoft-Antispam: BCL:9\r\n\r\n\xff\xfe');
  assert.equal(text, 'Subject: caf\xe9\r\n\r\n\xff\xfe');
});

test('a message without a blank line is all header; a name without a colon is no field', () => {
  assert.equal(
    strip('X-Microsoft-Antispam-foo\r\nX-Microsoft-Antispam: 1').text,
    'X-Microsoft-Antispam-foo\r\n',
  );
  assert.equal(strip('').removed, 0);
});

test('runs in time linear in the header section (1 MB of hostile lines)', async () => {
  const run = (s: string) => stripMicrosoftVerdict(bytes(s));
  await assertLinear('stripMicrosoftVerdict', run, [
    ...HOSTILE,
    'X-Microsoft-Antispam: a\n',
    '\n ',
    ':',
    'x\n',
  ]);
});
