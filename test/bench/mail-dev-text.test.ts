// The visible body text the mail-dev bench compares templates on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEntities, htmlToText, visibleBodyText } from '../../bench/mail-dev-text.js';
import { assertLinear, HOSTILE } from '../helpers/linear-time.js';

const squeeze = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');

test('reads the text a browser shows and leaves out styles, scripts, the head and comments', () => {
  const html =
    '<html><head><title>T</title><style>p{color:red}</style></head><body>' +
    '<!-- hidden --><p>Dear customer,</p><div>your <b>acc</b>ount is <SCRIPT>x()</SCRIPT>locked.</div>' +
    '<table><tr><td>Sign</td><td>in</td></tr></table></body></html>';
  assert.equal(squeeze(htmlToText(html)), 'Dear customer, your account is locked. Sign in');
});

test('keeps a lone < as text, and drops an unclosed tag with everything after it', () => {
  assert.equal(squeeze(htmlToText('1 < 2 and <3 <p>ok')), '1 < 2 and <3 ok');
  assert.equal(squeeze(htmlToText('shown <a href="x never closed')), 'shown');
  assert.equal(squeeze(htmlToText('a <style>never closed')), 'a');
  assert.equal(squeeze(htmlToText('a <!-- never closed')), 'a');
});

test('decodes named and numeric entities and leaves unknown ones as written', () => {
  assert.equal(
    decodeEntities('a&nbsp;b &amp; &lt;c&gt; &#65;&#x42; &bogus; &amp'),
    'a b & <c> AB &bogus; &amp',
  );
  assert.equal(decodeEntities('soft&shy;hyphen &#0; &#xd800;'), 'softhyphen    ');
});

test('takes the HTML part of a mail when there is one, else the plain text', async () => {
  const alt = [
    'From: a@example.org',
    'Subject: s',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'plain words',
    '--b',
    'Content-Type: text/html',
    '',
    '<p>html words</p>',
    '--b--',
    '',
  ].join('\r\n');
  assert.equal(squeeze(await visibleBodyText(new Uint8Array(Buffer.from(alt)))), 'html words');
  const plain = 'From: a@example.org\r\nSubject: s\r\n\r\nonly plain\r\n';
  assert.equal(squeeze(await visibleBodyText(new Uint8Array(Buffer.from(plain)))), 'only plain');
});

test('htmlToText runs in time linear in its input (1 MB hostile shapes)', async () => {
  await assertLinear('htmlToText', htmlToText, [
    ...HOSTILE,
    '<style>',
    '<!--',
    '&amp',
    '&#x',
    '<p>&',
    '</style',
  ]);
});

test('decodeEntities runs in time linear in its input (1 MB hostile shapes)', async () => {
  await assertLinear('decodeEntities', decodeEntities, ['&', '&a', '&#', '&#x1', '&amp;', '&;', 'a;']);
});
