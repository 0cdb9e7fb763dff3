// The portal's defences over HTTP: origin and form-token checks, one answer for known and unknown
// addresses, the rate limits per address and per client network with Retry-After, ineligible and
// refused addresses, hostile names escaped in pages and mails, languages by Accept-Language, the
// CSP and cookie attributes, bodies over 16 KB, unknown paths, and no address in the log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, csrfOf, lastCode, mailsTo, type Portal, startPortal, verifiedBrowser } from './harness.js';

const HOSTILE_GIVEN = '<script>alert(1)</script>';
const HOSTILE_SURNAME = `\u202Eevil\u202C ${'😀'.repeat(40)} ${'x'.repeat(150)}`;

describe('accounts portal: security', () => {
  let p: Portal;
  before(async () => {
    p = await startPortal({ accounts: { rateLimits: { perAddress: { max: 3 }, perIp: { max: 6 } } } });
  });
  after(() => p.close());

  test('a form post without the form token is 403, and one from another site is 403', async () => {
    const b = await verifiedBrowser(p, 'csrf@stud.example.edu');
    const form = { choice: 'account:students', given: 'A', surname: 'B', consent: 'yes', action: 'submit' };
    const missing = await b.post('/accounts/request', form);
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /not sent from this site/);
    const page = await b.get('/accounts/request');
    const crossSite = await b.post(
      '/accounts/request',
      { ...form, _csrf: csrfOf(page.body) },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    assert.equal(crossSite.statusCode, 403);
    const noHeaders = await b.post(
      '/accounts/request',
      { ...form, _csrf: csrfOf(page.body) },
      { origin: undefined, 'sec-fetch-site': undefined },
    );
    assert.equal(noHeaders.statusCode, 403);
    const start = await new Browser(p).post(
      '/accounts/start',
      { address: 'x@stud.example.edu' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    assert.equal(start.statusCode, 403, 'the start form too');
    assert.equal((await p.requests.byAddress('csrf@stud.example.edu')).length, 0);
  });

  test('the answer to a known and an unknown address is the same page', async () => {
    const known = await verifiedBrowser(p, 'known@stud.example.edu');
    const form = await known.get('/accounts/request');
    await known.post('/accounts/request', {
      _csrf: csrfOf(form.body),
      choice: 'account:students',
      given: 'Kim',
      surname: 'Known',
      consent: 'yes',
      action: 'submit',
    });
    const a = await new Browser(p, { ip: '10.0.0.1' }).post('/accounts/start', {
      address: 'known@stud.example.edu',
    });
    const b = await new Browser(p, { ip: '10.0.0.1' }).post('/accounts/start', {
      address: 'nobody@stud.example.edu',
    });
    assert.equal(a.statusCode, 303);
    assert.equal(b.statusCode, 303);
    const pa = await new Browser(p).get(a.headers.location as string);
    const pb = await new Browser(p).get(b.headers.location as string);
    const strip = (s: string) => s.replace(/\/accounts\/verify\/[A-Za-z0-9_-]+/g, '');
    assert.equal(strip(pa.body), strip(pb.body));
    assert.deepEqual(Object.keys(a.headers).sort(), Object.keys(b.headers).sort());
    assert.equal(mailsTo(p, 'nobody@stud.example.edu').length, 1, 'an unknown address gets its code too');
  });

  test('codes per address are limited, answered 429 with Retry-After', async () => {
    const addr = 'limit@stud.example.edu';
    for (let i = 0; i < 3; i++)
      assert.equal(
        (await new Browser(p, { ip: `10.1.0.${i}` }).post('/accounts/start', { address: addr })).statusCode,
        303,
      );
    const over = await new Browser(p, { ip: '10.1.0.9' }).post('/accounts/start', { address: addr });
    assert.equal(over.statusCode, 429);
    const retry = Number(over.headers['retry-after']);
    assert.ok(retry > 0 && retry <= 3600, `Retry-After ${retry}`);
    assert.match(over.body, /Too many codes/);
    assert.equal(mailsTo(p, addr).length, 3, 'no mail beyond the limit');
    p.now.ms += 61 * 60_000;
    try {
      assert.equal(
        (await new Browser(p, { ip: '10.1.0.10' }).post('/accounts/start', { address: addr })).statusCode,
        303,
      );
    } finally {
      p.now.ms -= 61 * 60_000;
    }
  });

  test('codes per client network are limited (an IPv6 /64 counts as one)', async () => {
    for (let i = 0; i < 6; i++) {
      const r = await new Browser(p, { ip: `2001:db8:1:2::${i + 1}` }).post('/accounts/start', {
        address: `net${i}@stud.example.edu`,
      });
      assert.equal(r.statusCode, 303);
    }
    const over = await new Browser(p, { ip: '2001:db8:1:2::ff' }).post('/accounts/start', {
      address: 'net-over@stud.example.edu',
    });
    assert.equal(over.statusCode, 429);
    assert.ok(Number(over.headers['retry-after']) > 0);
    const other = await new Browser(p, { ip: '2001:db8:1:3::1' }).post('/accounts/start', {
      address: 'net-other@stud.example.edu',
    });
    assert.equal(other.statusCode, 303, 'another network is not held back');
  });

  test('an ineligible address is told so directly; a hostile one gets its reason', async () => {
    const r = await new Browser(p, { ip: '10.2.0.1' }).post('/accounts/start', {
      address: 'someone@gmail.com',
    });
    assert.equal(r.statusCode, 403);
    assert.match(r.body, /cannot ask for an account/);
    const bad = await new Browser(p, { ip: '10.2.0.1' }).post('/accounts/start', {
      address: 'a\u202E@stud.example.edu',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /invisible character/);
    assert.equal(mailsTo(p, 'someone@gmail.com').length, 0);
  });

  test('hostile names are escaped on pages and in mails', async () => {
    const b = await verifiedBrowser(p, 'hostile@stud.example.edu', new Browser(p, { ip: '10.3.0.1' }));
    const form = await b.get('/accounts/request');
    const preview = await b.post('/accounts/request', {
      _csrf: csrfOf(form.body),
      choice: 'account:students',
      given: HOSTILE_GIVEN,
      surname: HOSTILE_SURNAME,
      action: 'preview',
    });
    assert.ok(!preview.body.includes('<script>'), 'no raw script tag on the page');
    assert.ok(preview.body.includes('&lt;script&gt;'));
    const filed = await b.post('/accounts/request', {
      _csrf: csrfOf(form.body),
      choice: 'account:students',
      given: HOSTILE_GIVEN,
      surname: HOSTILE_SURNAME,
      consent: 'yes',
      action: 'submit',
    });
    assert.equal(filed.statusCode, 303, filed.body.slice(0, 300));
    const [r] = await p.requests.byAddress('hostile@stud.example.edu');
    assert.equal(r?.givenName, HOSTILE_GIVEN, 'stored as typed');
    const group = await b.post('/accounts/request', {
      _csrf: csrfOf(form.body),
      choice: 'create',
      groupName: `<script>x</script> نادي ${'🎉'.repeat(20)}`,
      groupKind: 'm365',
      given: HOSTILE_GIVEN,
      surname: 'S',
      consent: 'yes',
      action: 'submit',
    });
    assert.equal(group.statusCode, 303, group.body.slice(0, 300));
    const status = await b.get(group.headers.location as string);
    assert.ok(!status.body.includes('<script>'), 'no raw script tag on the status page');
    assert.match(status.body, /<bdi>grp-&lt;script&gt;x&lt;\/script&gt; نادي 🎉/);
    // Right-to-left text sits inside a <bdi> of its own.
    for (const m of status.body.matchAll(/نادي/g)) {
      const before = status.body.slice(0, m.index);
      assert.ok(before.lastIndexOf('<bdi>') > before.lastIndexOf('</bdi>'), 'RTL text outside <bdi>');
    }
    const override = await b.post('/accounts/request', {
      _csrf: csrfOf(form.body),
      choice: 'create',
      groupName: 'club \u202Eevil',
      groupKind: 'm365',
      given: 'G',
      surname: 'S',
      consent: 'yes',
      action: 'submit',
    });
    assert.equal(override.statusCode, 400, 'a bidi override in a group name is refused');
    assert.match(override.body, /invisible character/);
    assert.ok(!override.body.includes('\u202E') || /value="club \u202Eevil"/.test(override.body));
    const mails = mailsTo(p, 'hostile@stud.example.edu');
    assert.ok(
      mails.some((html) => html.includes('<bdi>grp-&lt;script&gt;x&lt;/script&gt;')),
      'the group name mailed, escaped',
    );
    for (const html of mails) assert.ok(!html.includes('<script>'));
  });

  test('German by Accept-Language with <html lang="de">, English otherwise, ?lang= overrides', async () => {
    const de = await new Browser(p, { language: 'fr;q=0.9, de-DE;q=0.8, en;q=0.1' }).get('/accounts');
    assert.match(de.body, /<html lang="de">/);
    assert.match(de.body, /Code zuschicken/);
    const en = await new Browser(p, { language: 'de;q=0.2, en-GB' }).get('/accounts');
    assert.match(en.body, /<html lang="en">/);
    const forced = await new Browser(p, { language: 'de' }).get('/accounts?lang=en');
    assert.match(forced.body, /<html lang="en">/);
    assert.match(String(forced.headers['set-cookie']), /graphsoc-accounts-lang=en/);
    const mailed = new Browser(p, { language: 'de', ip: '10.4.0.1' });
    await mailed.post('/accounts/start', { address: 'deutsch@stud.example.edu' });
    assert.match(mailsTo(p, 'deutsch@stud.example.edu')[0] ?? '', /<html lang="de">[\s\S]*Ihr Code/);
    const notFound = await new Browser(p, { language: 'de' }).get('/accounts/nowhere');
    assert.equal(notFound.statusCode, 404);
    assert.match(notFound.body, /<html lang="de">[\s\S]*Hier gibt es keine Seite/);
  });

  test('pages carry the CSP, no-store and no-referrer; the stylesheet is served', async () => {
    const r = await new Browser(p).get('/accounts');
    assert.equal(
      r.headers['content-security-policy'],
      "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.equal(r.headers['referrer-policy'], 'no-referrer');
    const css = await new Browser(p).get('/accounts/portal.css');
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /text\/css/);
  });

  test('a body over 16 KB is 413, JSON is 415, a bad path parameter is 400: each a page', async () => {
    const big = await new Browser(p).post('/accounts/start', { address: 'a'.repeat(17 * 1024) });
    assert.equal(big.statusCode, 413);
    assert.match(big.body, /<html lang="en">/);
    const json = await p.app.inject({
      method: 'POST',
      url: '/accounts/start',
      headers: { 'content-type': 'application/json', origin: 'http://localhost', host: 'localhost:80' },
      payload: '{"address":"j@stud.example.edu"}',
    });
    assert.equal(json.statusCode, 415);
    assert.match(json.body, /<html/);
    const bad = await new Browser(p).get('/accounts/verify/..%2F..%2Fetc');
    assert.ok(bad.statusCode === 400 || bad.statusCode === 404);
    assert.match(bad.body, /<html/);
    const status = await new Browser(p).get(`/accounts/status/${'A'.repeat(43)}`);
    assert.equal(status.statusCode, 404, 'an unknown status link');
  });

  test('no address reaches the log, only its hash', async () => {
    assert.ok(p.logs.text.includes('addressHash'));
    assert.ok(!/[a-z0-9.-]+@stud\.example\.edu/.test(p.logs.text), 'an address was logged');
    await new Browser(p).get(`/accounts/status/${'B'.repeat(43)}?x=1`);
    await new Browser(p).get(`/accounts/link/${'C'.repeat(43)}`);
    assert.ok(p.logs.text.includes('/accounts/status/[redacted]'), 'the request was logged');
    assert.ok(!/[A-Za-z0-9_-]{43}/.test(p.logs.text), 'a token was logged');
  });
});

describe('accounts portal: the cookie over https', () => {
  let p: Portal;
  before(async () => {
    p = await startPortal({ publicUrl: 'https://accounts.example.edu' });
  });
  after(() => p.close());

  test('is __Host-graphsoc-accounts, HttpOnly, Secure, SameSite=Lax, Path=/, and only its hash is stored', async () => {
    const b = new Browser(p, { origin: 'https://accounts.example.edu' });
    const start = await b.post('/accounts/start', { address: 'secure@stud.example.edu' });
    assert.equal(start.statusCode, 303);
    const { code, link } = lastCode(p, 'secure@stud.example.edu');
    assert.match(link ?? '', /^https:\/\/accounts\.example\.edu\/accounts\/link\//);
    const v = await b.post(start.headers.location as string, { code });
    const cookie = String(v.headers['set-cookie']);
    assert.match(
      cookie,
      /^__Host-graphsoc-accounts=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=1800; HttpOnly; Secure; SameSite=Lax$/,
    );
    const value = /=([^;]+)/.exec(cookie)?.[1] as string;
    const rows = await p.db.store.db
      .selectFrom('accounts_portal_sessions' as never)
      .selectAll()
      .execute();
    assert.ok(rows.length === 1 && !JSON.stringify(rows).includes(value), 'the cookie value is not stored');
    const fromHttpOrigin = await b.post(
      '/accounts/start',
      { address: 'secure@stud.example.edu' },
      { origin: 'http://accounts.example.edu', 'sec-fetch-site': undefined },
    );
    assert.equal(fromHttpOrigin.statusCode, 403);
  });
});
