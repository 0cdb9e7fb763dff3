import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstMailbox, mailboxList } from '../../../src/phishing/parse/address-list.js';
import { parseReport } from '../../../src/phishing/parse/index.js';
import { parseAddress } from '../../../src/phishing/parse/inline-forward.js';
import { assertLinear, HOSTILE } from '../../helpers/linear-time.js';

// Every header here is made up for the shape it shows; the domains are reserved example names.
const cases: Array<[string, string, { name: string; address: string } | null]> = [
  [
    'a plain mailbox',
    'Fabrikam Billing <billing@fabrikam.example>',
    { name: 'Fabrikam Billing', address: 'billing@fabrikam.example' },
  ],
  ['a bare address', 'billing@fabrikam.example', { name: '', address: 'billing@fabrikam.example' }],
  [
    'a bare address with a comment',
    'billing@fabrikam.example (Fabrikam)',
    { name: 'Fabrikam', address: 'billing@fabrikam.example' },
  ],
  [
    'a quoted name with a comma',
    '"Doe, Jane" <jane@fabrikam.example>',
    { name: 'Doe, Jane', address: 'jane@fabrikam.example' },
  ],
  [
    'an escaped quote in a quoted name',
    '"The \\"Team\\"" <t@fabrikam.example>',
    { name: 'The "Team"', address: 't@fabrikam.example' },
  ],
  [
    'an unquoted comma and underscore before the bracket',
    'Account team ,_<x@tailspin.example>',
    { name: 'Account team ,_', address: 'x@tailspin.example' },
  ],
  [
    'a trailing unquoted comma',
    'Offres du jour, <news@tailspin.example>',
    { name: 'Offres du jour', address: 'news@tailspin.example' },
  ],
  [
    'an unquoted comma inside the name',
    'Gutschein, xyz <service@tailspin.example>',
    { name: 'Gutschein, xyz', address: 'service@tailspin.example' },
  ],
  [
    'a semicolon in the name',
    'Support; Billing <s@tailspin.example>',
    { name: 'Support; Billing', address: 's@tailspin.example' },
  ],
  [
    'the name written twice with a comma',
    '"Deal ⚡", "Deal ⚡"\t<deals@tailspin.example>',
    { name: 'Deal ⚡, Deal ⚡', address: 'deals@tailspin.example' },
  ],
  [
    'an address-like quoted name before a comma',
    '"security@contoso.com", <alerts@tailspin.example>',
    { name: 'security@contoso.com', address: 'alerts@tailspin.example' },
  ],
  [
    'an encoded-word name with a comma after it',
    '=?UTF-8?Q?Gl=C3=BCckwunsch?= , <win@tailspin.example>',
    { name: 'Glückwunsch', address: 'win@tailspin.example' },
  ],
  [
    'an encoded word inside a quoted name',
    '"=?UTF-8?B?UGF5UGFs?=",zz<pay@tailspin.example>',
    { name: 'PayPal,zz', address: 'pay@tailspin.example' },
  ],
  [
    'the address inside a comment',
    'Shop team,(<news@tailspin.example>)',
    { name: 'Shop team,(', address: 'news@tailspin.example' },
  ],
  [
    'garbage after the address',
    'Phone offer,__<noreply@tailspin.example>&?>',
    { name: 'Phone offer,__', address: 'noreply@tailspin.example' },
  ],
  [
    'an unclosed quote',
    '"Mr. Example <info@tailspin.example>',
    { name: 'Mr. Example', address: 'info@tailspin.example' },
  ],
  [
    'a bracket without an address before the real one',
    'Reminder <"ALERT___123">, "x" <alert@tailspin.example>',
    { name: 'Reminder <ALERT___123>, x', address: 'alert@tailspin.example' },
  ],
  [
    'commas inside the brackets',
    'Rewards <noreply@tailspin,example,com>',
    { name: 'Rewards', address: 'noreply@tailspin,example,com' },
  ],
  [
    'a blank inside the brackets',
    'Renewal <noreply@customer support.tailspin.example>',
    { name: 'Renewal', address: 'noreply@customer support.tailspin.example' },
  ],
  [
    'mailto: in the brackets',
    'Helpdesk <mailto:help@tailspin.example>',
    { name: 'Helpdesk', address: 'help@tailspin.example' },
  ],
  [
    'a quoted address in the brackets',
    'Energy team <"service@tailspin.example">',
    { name: 'Energy team', address: 'service@tailspin.example' },
  ],
  [
    'a nested open bracket',
    'Casino <xyz@<noreply@tailspin.example>',
    { name: 'Casino <xyz@', address: 'noreply@tailspin.example' },
  ],
  [
    'several mailboxes: the first',
    '"A" <a@fabrikam.example>, "B" <b@tailspin.example>',
    { name: 'A', address: 'a@fabrikam.example' },
  ],
  [
    'several bare addresses: the first',
    'a@fabrikam.example, b@tailspin.example',
    { name: '', address: 'a@fabrikam.example' },
  ],
  [
    'a whole mailbox in one encoded word',
    '=?UTF-8?B?U2hvcCA8c2hvcEB0YWlsc3Bpbi5leGFtcGxlPg==?=',
    { name: 'Shop', address: 'shop@tailspin.example' },
  ],
  ['an empty pair of brackets', '"Brand" <>', null],
  ['blank brackets', '=?UTF-8?B?QnJhbmQ=?= < >', null],
  ['a name alone', 'Jane Example', null],
  ['a quoted name alone', '"Welcome pack"', null],
  ['brackets without an @', 'Survey <survey-tailspin,net>', null],
  ['an empty group', 'undisclosed-recipients:;', null],
  ['nothing', '', null],
  ['an address only in a quoted name', '"a@fabrikam.example"', null],
];

for (const [what, header, expected] of cases)
  test(`From as clients show it: ${what}`, () => assert.deepEqual(firstMailbox(header), expected));

test('a Reply-To list keeps every real mailbox, joining name-only text to the next one', () => {
  assert.deepEqual(
    mailboxList('Team, West <w@fabrikam.example>, "B" <b@tailspin.example>; c@tailspin.example'),
    [
      { name: 'Team, West', address: 'w@fabrikam.example' },
      { name: 'B', address: 'b@tailspin.example' },
      { name: '', address: 'c@tailspin.example' },
    ],
  );
  assert.deepEqual(mailboxList('Nobody, <>'), []);
});

test('a forwarded From line keeps the first of several mailboxes and the unquoted comma of one', () => {
  assert.deepEqual(parseAddress('"A" <a@fabrikam.example>, "B" <b@tailspin.example>'), {
    name: 'A',
    address: 'a@fabrikam.example',
  });
  assert.deepEqual(parseAddress('Account team ,_<x@tailspin.example>'), {
    name: 'Account team ,_',
    address: 'x@tailspin.example',
  });
  assert.deepEqual(parseAddress('Helpdesk [mailto:help@tailspin.example]'), {
    name: 'Helpdesk',
    address: 'help@tailspin.example',
  });
});

const mail = (...lines: string[]) =>
  new Uint8Array(
    Buffer.from([...lines, 'Subject: s', 'Message-ID: <m@tailspin.example>', '', 'body', ''].join('\r\n')),
  );

test('a parsed message gets the address an unquoted comma used to lose, in From and Reply-To', async () => {
  const r = await parseReport(
    mail('From: Account team ,_<x@tailspin.example>', 'Reply-To: Help, desk <help@fabrikam.example>'),
    [],
    { reportMail: false },
  );
  assert.ok('original' in r);
  assert.deepEqual(r.original.from, { name: 'Account team ,_', address: 'x@tailspin.example' });
  assert.deepEqual(r.original.replyTo, [{ name: 'Help, desk', address: 'help@fabrikam.example' }]);
});

test('a From without an address gives way to Sender, and is null without one', async () => {
  const withSender = await parseReport(mail('From: "Brand" <>', 'Sender: s@tailspin.example'), [], {
    reportMail: false,
  });
  assert.ok('original' in withSender);
  assert.deepEqual(withSender.original.from, { name: '', address: 's@tailspin.example' });
  const without = await parseReport(mail('From: Jane Example'), [], { reportMail: false });
  assert.ok('original' in without);
  assert.equal(without.original.from, null);
});

test('address headers: linear on every hostile shape', async () => {
  const units = [
    ...HOSTILE,
    ',',
    ';',
    '",',
    '<>',
    '<a>',
    '<a@',
    'a@b,',
    '"a"',
    '\\"',
    '(',
    '=?',
    '=?u?Q?',
    'a ,_',
  ];
  await assertLinear('firstMailbox', firstMailbox, units);
  await assertLinear('mailboxList', (v) => mailboxList(v, 100), units);
  await assertLinear('firstMailbox (at the end)', firstMailbox, [',', '"', '<', ' ', 'x,'], {
    tail: ' <a@tailspin.example>',
  });
  await assertLinear('mailboxList (quoted head)', (v) => mailboxList(v, 100), [',', '<', 'a@b ', '(', '\\'], {
    head: '"',
  });
});
