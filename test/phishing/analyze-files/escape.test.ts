import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeControl } from '../../../src/phishing/analyze-files/escape.js';

test('terminal escape sequences in message text become visible, inert text', () => {
  assert.equal(escapeControl('a\u001b[2J\u001b]0;owned\u0007b'), 'a\\x1b[2J\\x1b]0;owned\\x07b');
  assert.equal(escapeControl('8-bit CSI \u009b1m'), '8-bit CSI \\x9b1m');
  assert.equal(escapeControl('line\r\nbreak\ttab\u007f'), 'line\\r\\nbreak\\ttab\\x7f');
});

test('bidi overrides and line separators are escaped; other Unicode is kept', () => {
  assert.equal(escapeControl('invoice\u202efdp.exe'), 'invoice\\u202efdp.exe');
  assert.equal(escapeControl('a\u2028b\u2066c'), 'a\\u2028b\\u2066c');
  assert.equal(escapeControl('Срочно 【重要】 café'), 'Срочно 【重要】 café');
});
