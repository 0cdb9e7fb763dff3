import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  huntingQuery,
  matchedObservables,
} from '../../../../src/relay/modules/graph-security/queries/hunting.js';
import { kqlString } from '../../../../src/relay/modules/graph-security/queries/kql.js';
import {
  legacyAlertFilter,
  odataString,
} from '../../../../src/relay/modules/graph-security/queries/legacy-filter.js';

describe('KQL string literals', () => {
  const cases: Array<[string, string]> = [
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\Windows\\evil.exe', '"C:\\\\Windows\\\\evil.exe"'],
    ['line\nbreak', '"line\\nbreak"'],
    ['tab\there', '"tab\\there"'],
    ['nul\u0000x', '"nul\\u0000x"'],
    ['") | take 1 //', '"\\") | take 1 //"'],
    ['ünïcödé ☃', '"ünïcödé ☃"'],
    ['', '""'],
  ];
  for (const [input, expected] of cases) {
    test(`escapes ${JSON.stringify(input)}`, () => assert.equal(kqlString(input), expected));
  }
  test('an injection attempt stays inside one literal', () => {
    const q = huntingQuery([{ type: 'sha256', value: 'a") or 1==1 | project SHA256 //' }], { maxRows: 100 });
    assert.ok(q?.includes('SHA256 in~ ("a\\") or 1==1 | project SHA256 //")'));
  });
});

describe('hunting query', () => {
  test('one query for every supported observable, grouped per column, values deduplicated', () => {
    const q = huntingQuery(
      [
        { type: 'sha256', value: 'AB' },
        { type: 'sha256', value: 'AB' },
        { type: 'ip', value: '10.0.0.1' },
        { type: 'domain', value: 'evil.example' },
        { type: 'hostname', value: 'ws-01' },
        { type: 'registry_key', value: 'HKLM' },
      ],
      { maxRows: 500 },
    );
    assert.ok(q);
    assert.match(q, /^AlertEvidence\n\| where /, 'the window is the Timespan parameter, not a where clause');
    assert.match(
      q,
      /SHA256 in~ \("AB"\) or RemoteIP in \("10\.0\.0\.1"\) or RemoteUrl has_any \("evil\.example"\) or DeviceName in~ \("ws-01"\)/,
    );
    assert.match(q, /\| join kind=inner \(AlertInfo \| project AlertId\) on AlertId\n/);
    assert.match(
      q,
      /\| summarize Timestamp=max\(Timestamp\) by AlertId, SHA256, RemoteIP, RemoteUrl, DeviceName\n/,
      "only the columns of the request's types, one row per alert and value",
    );
    assert.match(q, /\| take 500$/);
  });

  test('no query when nothing is searchable (md5 has no AlertEvidence column)', () => {
    assert.equal(
      huntingQuery(
        [
          { type: 'md5', value: 'x' },
          { type: 'mutex', value: 'y' },
        ],
        { maxRows: 1 },
      ),
      undefined,
    );
  });

  test('matchedObservables ties a row back to the observables it answers', () => {
    const obs = [
      { type: 'domain', value: 'evil.example' },
      { type: 'url', value: 'https://evil.example/a' },
      { type: 'sha256', value: 'ab' },
      { type: 'ip', value: '10.0.0.1' },
    ];
    assert.deepEqual(matchedObservables({ RemoteUrl: 'https://cdn.evil.example/a' }, obs), [obs[0]]);
    assert.deepEqual(matchedObservables({ RemoteUrl: 'https://EVIL.example/a' }, obs), [obs[0], obs[1]]);
    assert.deepEqual(matchedObservables({ SHA256: 'AB', RemoteIP: '10.0.0.1' }, obs), [obs[2], obs[3]]);
    assert.deepEqual(matchedObservables({ RemoteUrl: 'https://notevil.example' }, obs), []);
    assert.deepEqual(matchedObservables({ RemoteIP: null }, obs), []);
  });
});

describe('legacy $filter', () => {
  test('doubles single quotes (the seed broke on them)', () => {
    assert.equal(odataString("O'Brien's.docx"), "'O''Brien''s.docx'");
    assert.equal(legacyAlertFilter('file_name', "a'b"), "fileStates/any(x: x/name eq 'a''b')");
  });

  test("keeps &, # and + as data; percent-encoding is the HTTP layer's job", () => {
    const f = legacyAlertFilter('file_path', 'C:\\a&b#c+d');
    assert.equal(f, "fileStates/any(x: x/path eq 'C:\\a&b#c+d')");
    const u = new URL('https://graph.example/v1.0/security/alerts');
    u.searchParams.set('$filter', f ?? '');
    assert.equal(new URL(u.href).searchParams.get('$filter'), f);
  });

  test("covers the seed's seven types plus sha1, md5, ipv6, user and email", () => {
    for (const t of [
      'sha256',
      'file_name',
      'file_path',
      'ip',
      'domain',
      'hostname',
      'url',
      'sha1',
      'md5',
      'ipv6',
      'user',
      'email',
    ]) {
      assert.ok(legacyAlertFilter(t, 'v'), t);
    }
    assert.equal(legacyAlertFilter('mutex', 'v'), undefined);
    assert.equal(
      legacyAlertFilter('ip', '10.0.0.1'),
      "networkConnections/any(x: x/sourceAddress eq '10.0.0.1' or x/destinationAddress eq '10.0.0.1')",
    );
  });
});
