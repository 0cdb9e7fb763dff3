// `graphsoc phishing analyze --verify-signatures`: the file's own signatures are checked and shown.
// The message is unsigned, so nothing is looked up: the test needs no network.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphsoc } from '../helpers/cli.js';
import { tempFile } from '../helpers/tmp.js';

const unsigned = [
  'From: Billing <billing@fabrikam.example>',
  'To: alice@contoso.com',
  'Subject: Invoice 4711',
  'Message-ID: <inv-4711@fabrikam.example>',
  'Content-Type: text/plain',
  '',
  'Please pay.',
  '',
].join('\r\n');

test('--verify-signatures adds the own check to the JSON record and to the text', async () => {
  const file = tempFile('unsigned.eml', unsigned);
  const json = await graphsoc(['phishing', 'analyze', '--json', '--verify-signatures', file]);
  assert.equal(json.exitCode, 0, json.stderr);
  const record = JSON.parse(json.stdout.trim()) as { signatures?: unknown };
  assert.deepEqual(record.signatures, { status: 'verified', note: null, dkim: [], arc: null });
  const text = await graphsoc(['phishing', 'analyze', '--verify-signatures', file]);
  assert.match(text.stdout, /DKIM, own check: none \(not signed\)/);
  const without = await graphsoc(['phishing', 'analyze', '--json', file]);
  assert.equal((JSON.parse(without.stdout.trim()) as { signatures?: unknown }).signatures, undefined);
});
