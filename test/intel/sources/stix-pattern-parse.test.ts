// The STIX pattern reader: single and OR-joined equalities become comparisons with their canonical
// types; compound and non-equality patterns are unsupported; broken ones malformed; hostile ones
// fail fast and in linear time.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseStixPattern } from '../../../src/intel/sources/stix-pattern-parse.js';
import { assertLinear } from '../../helpers/linear-time.js';

const comparisons = (p: string) => {
  const r = parseStixPattern(p);
  assert.ok(r.ok, `${p}: ${r.ok ? '' : r.detail}`);
  return r.comparisons.map((c) => [c.type ?? `?${c.path}`, c.value]);
};
const failure = (p: string) => {
  const r = parseStixPattern(p);
  assert.ok(!r.ok, `${p} parsed`);
  return r.kind;
};

describe('STIX pattern: single comparisons', () => {
  const cases: Array<[string, string, string]> = [
    ["[ipv4-addr:value = '203.0.113.45']", 'ipv4', '203.0.113.45'],
    ["[ipv4-addr:value = '198.51.100.0/24']", 'cidr', '198.51.100.0/24'],
    ["[ipv6-addr:value = '2001:db8::1']", 'ipv6', '2001:db8::1'],
    ["[ipv6-addr:value = '2001:db8::/32']", 'cidr', '2001:db8::/32'],
    ["[domain-name:value = 'c2.badguy.example']", 'domain', 'c2.badguy.example'],
    ["[url:value = 'https://x.example/p?q=1']", 'url', 'https://x.example/p?q=1'],
    ["[email-addr:value = 'a@b.example']", 'email', 'a@b.example'],
    ["[email-message:from_ref.value = 'a@b.example']", 'email', 'a@b.example'],
    ["[file:hashes.MD5 = '5d41402abc4b2a76b9719d911017c592']", 'md5', '5d41402abc4b2a76b9719d911017c592'],
    ["[file:hashes.'MD5' = 'ab']", 'md5', 'ab'],
    ["[file:hashes.'SHA-1' = 'ab']", 'sha1', 'ab'],
    ["[file:hashes.SHA1 = 'ab']", 'sha1', 'ab'],
    ["[file:hashes.'SHA-256' = 'ab']", 'sha256', 'ab'],
    ["[file:hashes.SHA256 = 'ab']", 'sha256', 'ab'],
    ["[file:hashes.'sha256' = 'ab']", 'sha256', 'ab'],
    ["[file:name = 'invoice.exe']", 'file-name', 'invoice.exe'],
    ["[ipv4-addr:value == '1.2.3.4']", 'ipv4', '1.2.3.4'],
    ["  [ ipv4-addr:value='1.2.3.4' ]  ", 'ipv4', '1.2.3.4'],
    ["[url:value = 'http://x.example/it\\'s']", 'url', "http://x.example/it's"],
    ["[file:name = 'a\\\\b']", 'file-name', 'a\\b'],
    ["[file:name = '']", 'file-name', ''],
    ["[domain-name:value = 'ünïcode.example']", 'domain', 'ünïcode.example'],
    ["([domain-name:value = 'x.example'])", 'domain', 'x.example'],
    ["[(domain-name:value = 'x.example')]", 'domain', 'x.example'],
  ];
  for (const [pattern, type, value] of cases)
    test(`${pattern} → ${type}`, () => assert.deepEqual(comparisons(pattern), [[type, value]]));

  test('paths no sink holds have no type but keep their path', () => {
    const r = parseStixPattern(
      "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Software\\\\x'] OR [autonomous-system:number = 64500] OR [x509-certificate:hashes.'SHA-1' = 'ab'] OR [file:hashes.'SHA-512' = 'ab'] OR [x-custom:a.b[0].'c d' = 'v']",
    );
    assert.ok(r.ok);
    assert.deepEqual(
      r.comparisons.map((c) => [c.type, c.path, c.value]),
      [
        [undefined, 'windows-registry-key:key', 'HKEY_LOCAL_MACHINE\\Software\\x'],
        [undefined, 'autonomous-system:number', '64500'],
        [undefined, "x509-certificate:hashes.'SHA-1'", 'ab'],
        [undefined, "file:hashes.'SHA-512'", 'ab'],
        [undefined, "x-custom:a.b[0].'c d'", 'v'],
      ],
    );
  });
});

describe('STIX pattern: OR-joined comparisons', () => {
  test('OR inside one observation', () =>
    assert.deepEqual(comparisons("[ipv4-addr:value = '1.1.1.1' OR ipv4-addr:value = '2.2.2.2']"), [
      ['ipv4', '1.1.1.1'],
      ['ipv4', '2.2.2.2'],
    ]));
  test('OR between observations, with qualifiers read and ignored', () =>
    assert.deepEqual(
      comparisons(
        "[domain-name:value = 'a.example'] OR [url:value = 'http://b.example/'] WITHIN 300 SECONDS OR ([file:name = 'x.exe'] REPEATS 5 TIMES) START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
      ),
      [
        ['domain', 'a.example'],
        ['url', 'http://b.example/'],
        ['file-name', 'x.exe'],
      ],
    ));
  test('keywords are not case-sensitive', () =>
    assert.deepEqual(comparisons("[file:name = 'a'] or [file:name = 'b']"), [
      ['file-name', 'a'],
      ['file-name', 'b'],
    ]));
  test('a value that looks like a keyword stays a value', () =>
    assert.deepEqual(comparisons("[file:name = 'AND'] OR [file:name = ' OR ']"), [
      ['file-name', 'AND'],
      ['file-name', ' OR '],
    ]));
});

describe('STIX pattern: unsupported (parses, but not one value per indicator)', () => {
  const cases = [
    // The spec's examples of compound patterns.
    "[file:hashes.'SHA-256' = 'aec07' AND file:name = 'x.exe']",
    "[ipv4-addr:value = '1.1.1.1'] AND [domain-name:value = 'a.example']",
    "[ipv4-addr:value = '1.1.1.1'] FOLLOWEDBY [ipv4-addr:value = '2.2.2.2'] WITHIN 5 SECONDS",
    "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
    "[ipv4-addr:value != '1.1.1.1']",
    "[ipv4-addr:value NOT = '1.1.1.1']",
    '[file:size > 100]',
    '[file:size <= 100]',
    "[ipv4-addr:value IN ('1.1.1.1', '2.2.2.2')]",
    "[file:name LIKE 'inv%.exe']",
    "[file:name MATCHES '^x.*$']",
    "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
    "[ipv4-addr:value ISSUPERSET '198.51.100.1/32']",
    '[EXISTS windows-registry-key:values]',
    "[user-account:account_type = 'unix' AND user-account:user_id = '1007'] OR [x:y = 'z']",
    "([file:name = 'a'] OR [file:name = 'b']) AND [file:name = 'c']",
  ];
  for (const p of cases) test(p, () => assert.equal(failure(p), 'unsupported'));

  test('more comparisons than the limit', () => {
    const p = Array.from({ length: 11 }, (_, i) => `[file:name = '${i}']`).join(' OR ');
    const r = parseStixPattern(p, { maxComparisons: 10 });
    assert.ok(!r.ok && r.kind === 'unsupported' && r.detail.includes('10'));
  });
});

describe('STIX pattern: malformed', () => {
  const cases = [
    '',
    '   ',
    "ipv4-addr:value = '1.1.1.1'",
    "[ipv4-addr:value = '1.1.1.1'",
    "[ipv4-addr:value = '1.1.1.1']]",
    "[ipv4-addr:value = '1.1.1.1'] OR",
    "[ipv4-addr:value = '1.1.1.1'] OR OR [file:name = 'x']",
    "[ipv4-addr:value = '1.1.1.1] ",
    "[ipv4-addr:value = 'a\\nb']",
    "[ipv4-addr = '1.1.1.1']",
    "[:value = '1.1.1.1']",
    "[ipv4-addr:value '1.1.1.1']",
    "[ipv4-addr:value ~ '1.1.1.1']",
    '[ipv4-addr:value = ]',
    "[ipv4-addr:value = '1'] WITHIN SECONDS",
    "[ipv4-addr:value = '1'] REPEATS 2",
    "[ipv4-addr:value = '1'] START '2016-01-01T00:00:00Z' STOP t'2017-01-01T00:00:00Z'",
    "[file:hashes.'SHA-256 = 'ab']",
    "[file:a[x] = 'b']",
    "[file:name = 'a'] garbage",
    "([file:name = 'a']",
    "[file:name = 'a'] AND",
  ];
  for (const p of cases) test(JSON.stringify(p), () => assert.equal(failure(p), 'malformed'));
});

describe('STIX pattern: hostile input', () => {
  test('deep nesting is refused, not a stack overflow', () => {
    const deep = `${'('.repeat(100_000)}[file:name = 'a']${')'.repeat(100_000)}`;
    const r = parseStixPattern(deep, { maxLength: 1e7 });
    assert.ok(!r.ok && r.kind === 'malformed' && r.detail.includes('nested'));
    const brackets = `[${'('.repeat(100_000)}file:name = 'a'`;
    assert.equal(parseStixPattern(brackets, { maxLength: 1e7 }).ok, false);
  });

  test('patterns past maxLength are refused unread', () => {
    const r = parseStixPattern(`[file:name = '${'a'.repeat(70_000)}']`);
    assert.ok(!r.ok && r.detail.includes('longer than'));
  });

  test('every hostile shape is read in linear time', async () => {
    const big = { maxLength: 1e8, maxComparisons: 1e8 };
    await assertLinear(
      'parseStixPattern',
      (s) => parseStixPattern(s, big),
      [
        "[file:name = 'a'] OR ",
        "[file:name = 'a' OR file:name = 'b' OR ",
        '(',
        '[',
        "'",
        '\\\\',
        'a',
        'OR ',
        ' ',
        "[a:b = '1'] AND ",
      ],
      { head: "[file:name = '", tail: "']" },
    );
    await assertLinear(
      'parseStixPattern',
      (s) => parseStixPattern(s, big),
      ["[a:b = 'x'] OR ", 'x.', "x.'y'"],
      {
        head: '',
        tail: "[a:b = 'x']",
      },
    );
  });
});
