// Reporter mails: both languages and kinds, hostile input stays text, links are defanged, subjects
// cannot break a mail header.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderReporterMail } from '../../../src/phishing/notify/render.js';

describe('reporter mails', () => {
  test('acknowledgement in English and German', () => {
    const en = renderReporterMail('ack', 'en', {
      name: 'Ada',
      subject: 'Invoice overdue',
      from: 'billing@evil.example',
    });
    assert.equal(en.subject, 'Thank you for your report: Invoice overdue');
    assert.match(en.html, /Hello Ada,/);
    assert.match(en.html, /billing\[@\]evil\[\.\]example/);
    const de = renderReporterMail('ack', 'de', { subject: 'Rechnung' });
    assert.equal(de.subject, 'Danke für Ihre Meldung: Rechnung');
    assert.match(de.html, /Hallo,/);
    assert.match(de.html, /Ihr Sicherheitsteam/);
  });

  for (const [level, en, de] of [
    ['malicious', /It is a phishing attack/, /Es handelt sich um einen Phishing-Angriff/],
    ['suspicious', /It looks suspicious/, /Die Nachricht ist verdächtig/],
    ['clean', /We found no sign of a threat/, /Wir haben keine Bedrohung gefunden/],
  ] as const) {
    test(`verdict ${level} with reasons and a reference`, () => {
      const data = { subject: 'Hi', level, reasons: ['SPF failed', 'Link to hxxp://x'], reference: 'INC-42' };
      const a = renderReporterMail('verdict', 'en', data);
      const b = renderReporterMail('verdict', 'de', data);
      assert.match(a.html, en);
      assert.match(b.html, de);
      assert.match(a.html, /<li>SPF failed<\/li>/);
      assert.match(a.html, /Reference: INC-42/);
      assert.match(b.html, /Referenz: INC-42/);
    });
  }

  test('hostile subject, name and reasons are escaped, never markup', () => {
    const m = renderReporterMail('verdict', 'en', {
      name: '<img src=x onerror=alert(1)>',
      subject: '"><script>alert(1)</script>',
      level: 'malicious',
      reasons: ['<b>bold</b> & "quoted"'],
    });
    assert.ok(!m.html.includes('<script>'));
    assert.ok(!m.html.includes('<img'));
    assert.match(m.html, /&lt;script&gt;/);
    assert.match(m.html, /&lt;b&gt;bold&lt;\/b&gt; &amp; &quot;quoted&quot;/);
  });

  test('links in subjects and reasons are defanged; line breaks cannot reach the header', () => {
    const m = renderReporterMail('verdict', 'en', {
      subject: 'Reset at https://login.evil.example/reset\r\nBcc: victim@contoso.com',
      reasons: ['Link text says paypal.com, goes to http://paypa1.example'],
    });
    assert.ok(!/[\r\n]/.test(m.subject));
    assert.ok(!/https?:\/\//.test(m.subject + m.html));
    assert.match(m.subject, /hxxps:\/\/login\[\.\]evil\[\.\]example\/reset Bcc: victim\[@\]contoso\[\.\]com/);
    assert.match(m.html, /paypal\[\.\]com, goes to hxxp:\/\/paypa1\[\.\]example/);
  });
});
