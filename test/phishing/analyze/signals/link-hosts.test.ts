import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkHostKind, riskyTld } from '../../../../src/phishing/analyze/signals/link-hosts.js';

test('shorteners and free hosting are matched as the host or a subdomain of the service, nothing else', () => {
  const cases: Array<[string, string | null]> = [
    ['bit.ly', 'shortener:bit.ly'],
    ['t.co', 'shortener:t.co'],
    ['tinyurl.com', 'shortener:tinyurl.com'],
    ['preview.tinyurl.com', 'shortener:tinyurl.com'],
    ['evil-login.web.app', 'free-hosting:web.app'],
    ['storage.googleapis.com', 'free-hosting:storage.googleapis.com'],
    ['abc.s3.amazonaws.com', 'free-hosting:s3.amazonaws.com'],
    ['x.pages.dev', 'free-hosting:pages.dev'],
    ['me.github.io', 'free-hosting:github.io'],
    ['x-y.azurewebsites.net', 'free-hosting:azurewebsites.net'],
    // Look-alikes of the services are not the services.
    ['notbit.ly', null],
    ['t.co.evil.example', null],
    ['web.app.evil.example', null],
    ['github.com', null],
    ['contoso.com', null],
    ['googleapis.com', null],
  ];
  for (const [host, want] of cases) {
    const got = linkHostKind(host);
    assert.equal(got ? `${got.kind}:${got.service}` : null, want, host);
  }
});

test('risky TLDs are the last label only', () => {
  assert.equal(riskyTld('login-secure.icu'), 'icu');
  assert.equal(riskyTld('a.b.xyz'), 'xyz');
  assert.equal(riskyTld('xyz.contoso.com'), null);
  assert.equal(riskyTld('contoso.de'), null);
  assert.equal(riskyTld('localhost'), null);
  assert.equal(riskyTld(''), null);
});

test('link rules: a host-like name before an @, a bare IP, shorteners, free hosting and risky TLDs, once each', async () => {
  const { linkHosts } = await import('../../../../src/phishing/analyze/rules-links.js');
  const { analyzeOptionsSchema } = await import('../../../../src/phishing/analyze/options.js');
  const options = analyzeOptionsSchema.parse({});
  const codes = (urls: string[]) =>
    linkHosts({ urls, options } as unknown as Parameters<typeof linkHosts>[0]).map((r) => r.code);
  assert.deepEqual(codes(['https://paypal.com@evil.example/login']), ['LINK_USERINFO']);
  assert.deepEqual(
    codes([
      'https://git@github.com/x/y',
      'http://user:secret@intranet.example/',
      'http://first.last@contoso.com',
    ]),
    [],
  );
  assert.deepEqual(codes(['https://login.microsoftonline.com@evil.example/']), ['LINK_USERINFO']);
  assert.deepEqual(codes(['http://203.0.113.7/x', 'http://198.51.100.1/']), ['LINK_IP_HOST']);
  assert.deepEqual(codes(['https://bit.ly/a', 'https://t.co/b', 'https://x.web.app/']), [
    'LINK_SHORTENER',
    'LINK_FREE_HOSTING',
  ]);
  assert.deepEqual(codes(['https://secure-login.icu/']), ['LINK_RISKY_TLD']);
  assert.deepEqual(codes(['https://contoso.com/', 'mailto:x@y.example', 'not a url']), []);
});
