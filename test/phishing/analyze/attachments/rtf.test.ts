// RTF documents written by the tests: embedded objects, auto-updating objects, template URLs and
// hyperlink fields, and the truncated shapes of each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspectRtf } from '../../../../src/phishing/analyze/attachments/rtf.js';

const rtf = (body: string) => Buffer.from(`{\\rtf1\\ansi ${body}}`, 'latin1');

test('a plain RTF has no objects and no links', () => {
  const f = inspectRtf(rtf('Hello \\b world\\b0 .'));
  assert.deepEqual(
    [f.kind, f.embeddedObjects, f.externalLinks, f.externalTemplate],
    ['rtf', 0, [], undefined],
  );
});

test('counts embedded objects by their \\object groups and \\objdata', () => {
  const f = inspectRtf(
    rtf(
      '{\\object\\objemb{\\*\\objclass Package}{\\*\\objdata 0105000002}}{\\object\\objlink{\\*\\objdata 01}}',
    ),
  );
  assert.equal(f.embeddedObjects, 2);
  assert.equal(inspectRtf(rtf('{\\*\\objdata 0105}')).embeddedObjects, 1);
});

test('an \\objupdate object counts even when its group is mangled', () => {
  assert.equal(inspectRtf(rtf('{\\objupdate junk')).embeddedObjects, 1);
});

test('control words are matched whole', () => {
  assert.equal(inspectRtf(rtf('\\objectx \\objdatazz')).embeddedObjects, 0);
});

test('reads the template a document attaches, and hyperlink fields', () => {
  const f = inspectRtf(
    rtf(
      '{\\*\\template https://t.example/a.dot}{\\field{\\*\\fldinst HYPERLINK "https://h.example/x"}{\\fldrslt click}}',
    ),
  );
  assert.equal(f.externalTemplate, 'https://t.example/a.dot');
  assert.deepEqual(f.externalLinks, ['https://t.example/a.dot', 'https://h.example/x']);
});

test('an unclosed template or hyperlink is not taken', () => {
  const f = inspectRtf(Buffer.from('{\\rtf1 {\\*\\template https://t.example/'));
  assert.equal(f.externalTemplate, undefined);
  assert.deepEqual(inspectRtf(Buffer.from('{\\rtf1 HYPERLINK "https://h.example/')).externalLinks, []);
});
