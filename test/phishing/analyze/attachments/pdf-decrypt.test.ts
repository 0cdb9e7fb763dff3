// Encrypted PDFs: opened with the empty user password or a password the mail gives, left encrypted
// otherwise; and the RC4 this relies on, against a published test vector.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspectAttachments } from '../../../../src/phishing/analyze/attachments/index.js';
import { rc4 } from '../../../../src/phishing/analyze/attachments/pdf-decrypt.js';
import { inspectPdf } from '../../../../src/phishing/analyze/attachments/pdf-links.js';
import { passwordCandidates } from '../../../../src/phishing/analyze/attachments/passwords.js';
import { encryptedPdf } from './build-encrypted-pdf.js';

test('RC4 matches the published vector (Key / Plaintext)', () => {
  assert.equal(rc4(Buffer.from('Key'), Buffer.from('Plaintext')).toString('hex'), 'bbf316e8d940af0ad3');
});

test('an RC4-encrypted PDF with an empty user password is read', () => {
  const f = inspectPdf(
    encryptedPdf({
      userPassword: '',
      uri: 'https://enc.example/a',
      streamUri: 'https://enc-stream.example/',
    }),
  );
  assert.equal(f.encrypted, true);
  assert.equal(f.decrypted, true);
  assert.deepEqual(f.urls.sort(), ['https://enc-stream.example/', 'https://enc.example/a']);
});

test('an AES-128 (V 4, AESV2) PDF with an empty user password is read', () => {
  const f = inspectPdf(
    encryptedPdf({
      userPassword: '',
      uri: 'https://aes.example/a',
      streamUri: 'https://aes-stream.example/',
      aes: true,
    }),
  );
  assert.equal(f.decrypted, true);
  assert.deepEqual(f.urls.sort(), ['https://aes-stream.example/', 'https://aes.example/a']);
});

test('a password-protected PDF is read with the password the mail gives, not without', () => {
  const pdf = encryptedPdf({
    userPassword: '123',
    uri: 'https://locked.example/',
    streamUri: 'https://locked2.example/',
  });
  const none = inspectPdf(pdf);
  assert.deepEqual([none.encrypted, none.decrypted, none.urls], [true, false, []]);
  const wrong = inspectPdf(pdf, undefined, ['1234', 'abc']);
  assert.equal(wrong.decrypted, false);
  const right = inspectPdf(pdf, undefined, ['abc', '123']);
  assert.equal(right.decrypted, true);
  assert.deepEqual(right.urls.sort(), ['https://locked.example/', 'https://locked2.example/']);
  const viaMessage = inspectAttachments(
    [{ name: 'doc.pdf', contentType: 'application/pdf', size: pdf.length, bytes: new Uint8Array(pdf) }],
    { mailText: 'Open the attached file.\nSenha do arquivo: 123\n' },
  );
  assert.equal(viaMessage[0]?.pdf?.decrypted, true);
});

test('finds passwords a mail gives, in several languages and shapes', () => {
  assert.deepEqual(passwordCandidates('SENHA DE ACESSO DO ARQUIVO EM ANEXO: 123'), ['123']);
  assert.deepEqual(passwordCandidates('Password: Inv-2026.'), ['Inv-2026']);
  assert.deepEqual(passwordCandidates('Das Passwort lautet:  abc123\nDanke'), ['abc123']);
  assert.deepEqual(passwordCandidates('Mot de passe : x9'), ['x9']);
  assert.deepEqual(passwordCandidates('pwd:777 and PASSWORD: 777'), ['777']);
});

test('takes no password without a colon nearby, on another line, or too long', () => {
  assert.deepEqual(passwordCandidates('Reset your password now'), []);
  assert.deepEqual(passwordCandidates('password\n: 123'), []);
  assert.deepEqual(passwordCandidates(`password: ${'a'.repeat(40)}`), []);
  assert.deepEqual(passwordCandidates(`password ${'x'.repeat(60)}: 1`), []);
  assert.deepEqual(passwordCandidates(''), []);
});

test('keeps at most eight candidates', () => {
  const text = Array.from({ length: 20 }, (_, k) => `password: p${k}`).join('\n');
  assert.equal(passwordCandidates(text).length, 8);
});
