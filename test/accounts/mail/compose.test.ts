// The mails of the accounts feature: every value escaped and isolated in <bdi>, in English and
// German, links only to http(s) URLs, no secret in any of them, and escaping linear in its input.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  codeMail,
  disabledMail,
  escapeHtml,
  expiryMail,
  mailLocale,
  readyMail,
  requestReceivedMail,
} from '../../../src/accounts/mail/compose.js';
import { MAIL_TEXTS } from '../../../src/accounts/mail/messages.js';
import { assertLinear, HOSTILE } from '../../helpers/linear-time.js';

const HOSTILE_VALUES = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE users; --",
  '\u202Egnp.exe',
  'a\u0000b',
  '😀'.repeat(150),
  'x'.repeat(300),
  '{code} {upn}',
  '&amp;',
];

/** The markup a mail may hold: only our own tags. */
function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z!][a-zA-Z0-9]*)/g)].map((m) => (m[1] as string).toLowerCase());
}
const ALLOWED = new Set(['!doctype', 'html', 'head', 'meta', 'body', 'p', 'strong', 'small', 'a', 'bdi']);

describe('accounts mails', () => {
  test('the code mail carries the code and the link, in each language', () => {
    const en = codeMail('en', {
      to: 'a@stud.example.edu',
      code: '012345',
      link: 'https://accounts.example.edu/accounts/link/abc',
      minutes: 15,
      purpose: 'request',
    });
    assert.equal(en.to, 'a@stud.example.edu');
    assert.equal(en.subject, 'Your verification code');
    assert.match(en.html, /<html lang="en">/);
    assert.match(en.html, /Your code: <bdi>012345<\/bdi>/);
    assert.match(en.html, /15<\/bdi> minutes/);
    assert.match(en.html, /<a href="https:\/\/accounts\.example\.edu\/accounts\/link\/abc">/);
    const de = codeMail('de', { to: 'a@x.edu', code: '999999', minutes: 10, purpose: 'credential' });
    assert.equal(de.subject, 'Ihr Bestätigungscode');
    assert.match(de.html, /<html lang="de">/);
    assert.match(de.html, /ersten Anmeldedaten/);
    assert.doesNotMatch(de.html, /<a /, 'no link without a public URL');
  });

  test('links other than http(s) are left out', () => {
    for (const link of ['javascript:alert(1)', 'data:text/html,x', 'not a url', '//evil.example/x']) {
      const m = codeMail('en', { to: 'a@x.edu', code: '1', link, minutes: 1, purpose: 'request' });
      assert.doesNotMatch(m.html, /<a /, link);
    }
    const quoted = readyMail('en', {
      to: 'a@x.edu',
      upn: 'u@x.edu',
      statusLink: 'https://x.edu/a"onclick="x',
    });
    assert.doesNotMatch(quoted.html, /"onclick=/);
  });

  test('every hostile value is escaped and in <bdi>, in every mail and language', () => {
    for (const locale of ['en', 'de'] as const)
      for (const v of HOSTILE_VALUES) {
        const mails = [
          requestReceivedMail(locale, {
            to: 'a@x.edu',
            what: { kind: 'account', title: v },
            approvalRequired: true,
          }),
          requestReceivedMail(locale, {
            to: 'a@x.edu',
            what: { kind: 'group-create', group: v },
            approvalRequired: false,
          }),
          requestReceivedMail(locale, {
            to: 'a@x.edu',
            what: { kind: 'group-join', group: v },
            approvalRequired: true,
          }),
          readyMail(locale, { to: 'a@x.edu', upn: v, statusLink: 'https://x.edu/s' }),
          readyMail(locale, { to: 'a@x.edu', group: v }),
          expiryMail(locale, { to: 'a@x.edu', upn: v, disableAt: Date.UTC(2027, 2, 14) }),
          disabledMail(locale, { to: 'a@x.edu', upn: v, disabledAt: Date.UTC(2027, 2, 14) }),
        ];
        for (const m of mails) {
          for (const tag of tagsOf(m.html))
            assert.ok(ALLOWED.has(tag), `<${tag}> in a mail for ${JSON.stringify(v)}`);
          assert.ok(!m.html.includes('\u0000'), 'NUL dropped');
          if (v.includes('\u202E')) assert.match(m.html, /<bdi>\u202Egnp\.exe<\/bdi>/);
          if (v === '{code} {upn}')
            assert.match(m.html, /<bdi>\{code\} \{upn\}<\/bdi>/, 'a value is not a template');
        }
      }
  });

  test('a very long value is cut in the mail', () => {
    const m = readyMail('en', { to: 'a@x.edu', upn: 'y'.repeat(5000) });
    assert.ok(m.html.length < 3000);
    assert.match(m.html, /y{512}…/);
  });

  test('the ready mail points to the status page and never carries a credential', () => {
    const m = readyMail('de', {
      to: 'a@x.edu',
      upn: 'anna.mueller@contoso.edu',
      statusLink: 'https://x.edu/accounts/status/t',
    });
    assert.match(m.html, /Ihr Konto <bdi>anna\.mueller@contoso\.edu<\/bdi> ist eingerichtet/);
    assert.match(m.html, /Meine ersten Anmeldedaten anzeigen/);
    assert.match(m.html, /href="https:\/\/x\.edu\/accounts\/status\/t"/);
    assert.doesNotMatch(m.html, /password|Kennwort:|Pass:/i);
  });

  test('dates are written in the mail language', () => {
    assert.match(
      expiryMail('en', { to: 'a', upn: 'u', disableAt: Date.UTC(2027, 2, 14) }).html,
      /14 March 2027/,
    );
    assert.match(
      expiryMail('de', { to: 'a', upn: 'u', disableAt: Date.UTC(2027, 2, 14) }).html,
      /14\. März 2027/,
    );
    assert.match(
      disabledMail('de', { to: 'a', upn: 'u', disabledAt: Date.UTC(2027, 0, 2) }).html,
      /2\. Januar 2027/,
    );
  });

  test('both languages have every text', () => {
    assert.deepEqual(Object.keys(MAIL_TEXTS.de).sort(), Object.keys(MAIL_TEXTS.en).sort());
    assert.equal(mailLocale('de'), 'de');
    assert.equal(mailLocale('fr'), 'en');
  });

  test('escaping is linear in its input', async () => {
    await assertLinear('escapeHtml', escapeHtml, [...HOSTILE, '&<>"\'', '\u0000', '😀']);
    await assertLinear('a mail with a long name', (s) => readyMail('en', { to: 'a', upn: s, group: s }), [
      '{',
      '<',
      'x',
    ]);
  });
});
