// The mail emulator's own MIME reader: headers, encoded words, transfer encodings, nested multiparts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAddressList, parseMessage } from '../../emulators/graph-mail/mime.js';
import { buildMime } from '../../emulators/graph-mail/mime-build.js';
import { PDF_BYTES, PHISH, reportMime } from './graph-mail-fixtures.js';

describe('mail emulator MIME reader', () => {
  test('decodes folded headers, encoded words and quoted-printable bodies', () => {
    const m = parseMessage(
      `Subject: =?utf-8?Q?Caf=C3=A9?=\r\n =?utf-8?B?IOKckw==?=\r\nFrom: "Doe, Jane" <jane@example.com>\r\nTo: a@x.com, "B" <b@x.com>\r\n\r\n${'x'.repeat(3)}`,
    );
    assert.equal(m.subject, 'Café ✓');
    assert.deepEqual(m.from, { name: 'Doe, Jane', address: 'jane@example.com' });
    assert.deepEqual(
      m.to.map((a) => a.address),
      ['a@x.com', 'b@x.com'],
    );
    assert.equal(parseMessage(PHISH).text?.trim(), 'Click http://paypa1.example/login now ✓');
  });

  test('reads a base64-encoded message the same as the raw one', () => {
    const raw = parseMessage(reportMime(4));
    const b64 = parseMessage(Buffer.from(reportMime(4)).toString('base64'));
    assert.equal(b64.subject, raw.subject);
    assert.equal(b64.messageId, '<report-4@contoso.onmicrosoft.com>');
    assert.equal(b64.attachments.length, raw.attachments.length);
  });

  test('finds body parts, inline images, attached messages and files in nested multiparts', () => {
    const m = parseMessage(reportMime(1));
    assert.match(m.html ?? '', /<b>phish<\/b>/);
    assert.deepEqual(
      m.attachments.map((a) => [a.kind, a.name, a.isInline]),
      [
        ['file', 'attachment', true],
        ['item', 'Your account is locked ✓', false],
        ['file', 'invoice.pdf', false],
      ],
    );
    assert.deepEqual(m.attachments[2]?.content, PDF_BYTES);
  });

  test('a built message reads back with its attachments', () => {
    const mime = buildMime({
      from: { name: 'Abuse Desk', address: 'abuse@x.com' },
      to: [{ address: 'alice@x.com' }],
      cc: [],
      subject: 'Réponse',
      body: { contentType: 'text', content: 'merci' },
      attachments: [{ name: 'a.txt', contentType: 'text/plain', content: Buffer.from('A') }],
      messageId: '<1@x.com>',
      date: new Date('2026-03-02T09:00:00Z'),
    });
    const m = parseMessage(mime);
    assert.equal(m.subject, 'Réponse');
    assert.equal(m.text, 'merci');
    assert.equal(m.attachments[0]?.name, 'a.txt');
    assert.equal(m.date?.toISOString(), '2026-03-02T09:00:00.000Z');
    assert.deepEqual(parseAddressList(undefined), []);
  });
});
