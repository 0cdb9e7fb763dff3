// Lure phrases and free mail providers: the pure signals behind CONTENT_LURE and REPLY_TO_FREE_MAIL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isFreeMail } from '../../../../src/phishing/analyze/signals/free-mail.js';
import { LURE_TEXT_CHARS, lurePhrase } from '../../../../src/phishing/analyze/signals/lure.js';

test('a lure is a whole phrase, in any case and spacing, in several languages', () => {
  assert.equal(lurePhrase('Please VERIFY your\n  account', ''), 'VERIFY your account');
  assert.equal(lurePhrase('', 'Olá, sua conta foi bloqueada.'), 'sua conta foi bloqueada');
  assert.equal(lurePhrase('Ihr Konto wurde gesperrt', ''), 'Ihr Konto wurde gesperrt');
  assert.equal(lurePhrase('', 'Votre compte a été suspendu'), 'Votre compte a été suspendu');
  assert.equal(lurePhrase('Claim your airdrop', ''), 'Claim your airdrop');
  assert.equal(lurePhrase('I need your assistance', ''), 'need your assistance');
});

test('no lure in everyday words, inside longer words, or past the opening of the text', () => {
  for (const s of [
    'Your account summary',
    'We confirmed your order',
    'verify your accounts payable report',
  ]) {
    assert.equal(lurePhrase(s, ''), null, s);
  }
  assert.equal(lurePhrase('airdropped files', ''), null);
  assert.equal(lurePhrase('', `${'x '.repeat(LURE_TEXT_CHARS)} verify your account`), null);
});

test('free mail providers, by domain and by their per-country names, mailboxes only', () => {
  for (const d of ['gmail.com', 'hotmail.co.uk', 'yahoo.fr', 'outlook.com', 'gmx.de', 'proton.me']) {
    assert.equal(isFreeMail(d), true, d);
  }
  for (const d of [
    'contoso.com',
    'google.com',
    'microsoft.com',
    'mygmail.com',
    'hotmailer.com',
    'groups.msn.com', // a service of the provider, not a mailbox
    'localhost',
    '',
  ]) {
    assert.equal(isFreeMail(d), false, d);
  }
});
