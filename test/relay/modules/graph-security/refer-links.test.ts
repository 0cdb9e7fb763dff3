// Refer links built from observables alone: portal pages per type, hunting links that decode to a
// query with the value safely quoted, and stable ids; hostile values never escape their parameter.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { referItemSchema } from '../../../../src/relay/protocol/refer.js';
import { queryFromHuntingLink } from '../../../../src/relay/modules/graph-security/refer/hunting-link.js';
import { alertLinks, observableLinks } from '../../../../src/relay/modules/graph-security/refer/index.js';
import { portalPage } from '../../../../src/relay/modules/graph-security/refer/portal-pages.js';
import { PREPARED_TYPES } from '../../../../src/relay/modules/graph-security/refer/prepared-queries.js';
import { HUNTING_TYPES } from '../../../../src/relay/modules/graph-security/queries/hunting.js';

const T = { portalUrl: 'https://security.microsoft.com', tenantId: '11111111-2222-3333-4444-555555555555' };
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('portal pages', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['sha1', SHA1.toUpperCase(), `https://security.microsoft.com/file/${SHA1}/overview?tid=${T.tenantId}`],
    ['sha256', SHA256, `https://security.microsoft.com/file/${SHA256}/overview?tid=${T.tenantId}`],
    ['sha256', 'not-a-hash', undefined],
    ['md5', 'd41d8cd98f00b204e9800998ecf8427e', undefined],
    ['ip', '203.0.113.9', `https://security.microsoft.com/ip/203.0.113.9/overview?tid=${T.tenantId}`],
    ['ipv6', '2001:db8::1', `https://security.microsoft.com/ip/2001%3Adb8%3A%3A1/overview?tid=${T.tenantId}`],
    [
      'url',
      'https://evil.example/a?b=1&c=2#x',
      `https://security.microsoft.com/url/overview?url=https%3A%2F%2Fevil.example%2Fa%3Fb%3D1%26c%3D2%23x&tid=${T.tenantId}`,
    ],
    [
      'domain',
      'evil.example',
      `https://security.microsoft.com/domains/overview?urlDomain=evil.example&tid=${T.tenantId}`,
    ],
    [
      'ms_machine_id',
      'A'.repeat(40),
      `https://security.microsoft.com/machines/${'a'.repeat(40)}/overview?tid=${T.tenantId}`,
    ],
    ['ms_machine_id', '../../admin', undefined],
    ['hostname', 'pc-1', undefined],
  ];
  for (const [type, value, want] of cases) {
    test(`${type} ${value}`, () => {
      assert.equal(portalPage(T.portalUrl, T.tenantId, { type, value })?.url, want);
    });
  }

  test('hostile values stay inside their path segment or parameter', () => {
    for (const value of ['../../x', 'a/b?c=d#e', '1.2.3.4/../../admin', '%2e%2e/', 'x\ny']) {
      const url = new URL(portalPage(T.portalUrl, T.tenantId, { type: 'ip', value })?.url ?? '');
      assert.equal(url.origin, 'https://security.microsoft.com');
      assert.match(url.pathname, /^\/ip\/[^/]+\/overview$/, value);
      assert.equal(url.searchParams.get('tid'), T.tenantId);
      assert.equal(decodeURIComponent(url.pathname.split('/')[2] ?? ''), value);
    }
  });
});

describe('hunting links', () => {
  test('every type the observe search knows also has a prepared query', () => {
    for (const t of HUNTING_TYPES) assert.ok(PREPARED_TYPES.includes(t), t);
  });

  test('the link carries base64url(gzip(UTF-16LE)) of the query, as the portal shares it', () => {
    const [item] = observableLinks(T, [{ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }]);
    assert.ok(item);
    const url = new URL(item.url);
    assert.equal(url.pathname, '/v2/advanced-hunting');
    assert.equal(url.searchParams.get('timeRangeId'), 'month');
    assert.match(
      url.searchParams.get('query') ?? '',
      /^H4sI[A-Za-z0-9_-]+$/,
      'gzip magic, base64url alphabet',
    );
    assert.equal(
      queryFromHuntingLink(item.url),
      'union DeviceFileEvents, DeviceProcessEvents, DeviceImageLoadEvents\n| where MD5 =~ "d41d8cd98f00b204e9800998ecf8427e"\n| order by Timestamp desc\n| take 1000',
    );
  });

  for (const value of [
    'a" or 1==1 //',
    'x\\" | take 1',
    'line\nbreak',
    "O'Brien & Co #1.exe",
    'ünïcødé 文件',
  ]) {
    test(`a hostile value is one KQL string literal: ${JSON.stringify(value)}`, () => {
      const items = observableLinks(T, [{ type: 'file_name', value }]);
      const query = queryFromHuntingLink(items[0]?.url ?? '') ?? '';
      const literal = query.split('FileName =~ ')[1]?.split('\n')[0] ?? '';
      assert.equal(JSON.parse(literal), value, 'the literal decodes to exactly the value');
      assert.equal(query.split('\n').length, 4, 'no new pipeline stage');
    });
  }
});

describe('refer items', () => {
  test('per observable: page then hunt, valid items, stable ids', () => {
    const obs = [
      { type: 'sha256', value: SHA256 },
      { type: 'hostname', value: 'pc-1' },
      { type: 'mutex', value: 'Global\\x' },
    ];
    const a = observableLinks(T, obs);
    for (const item of a) referItemSchema.parse(item);
    assert.deepEqual(
      a.map((i) => i.id),
      [
        `ref-graph-security-page-sha256-${SHA256}`,
        `ref-graph-security-hunt-sha256-${SHA256}`,
        'ref-graph-security-hunt-hostname-pc-1',
      ],
    );
    assert.deepEqual(observableLinks(T, obs), a, 'same input, same ids and links');
  });

  test('alerts link to their pages and each incident once; non-https web URLs are replaced', () => {
    const items = alertLinks(T, [
      {
        alert: {
          id: 'da1',
          title: 'Bad',
          severity: 'high',
          incidentId: '7',
          alertWebUrl: 'javascript:alert(1)',
        },
        matched: [{ type: 'ip', value: '203.0.113.9' }],
      },
      {
        alert: { id: 'da2', incidentId: '7', alertWebUrl: 'https://security.microsoft.com/alerts/da2?tid=x' },
        matched: [],
      },
    ]);
    for (const item of items) referItemSchema.parse(item);
    assert.deepEqual(
      items.map((i) => [i.id, i.url]),
      [
        ['ref-graph-security-alert-da1', `https://security.microsoft.com/alerts/da1?tid=${T.tenantId}`],
        [
          'ref-graph-security-incident-7',
          `https://security.microsoft.com/incidents/7/overview?tid=${T.tenantId}`,
        ],
        ['ref-graph-security-alert-da2', 'https://security.microsoft.com/alerts/da2?tid=x'],
      ],
    );
    assert.match(items[0]?.description ?? '', /high-severity alert involving ip 203\.0\.113\.9/);
  });
});
