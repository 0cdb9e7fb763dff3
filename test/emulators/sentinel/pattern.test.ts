// The emulator's STIX pattern check: the patterns the STIX 2.1 specification and Sentinel's pages show
// pass, malformed ones fail with a reason, and hostile input costs time linear in its length.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stixPatternProblem } from '../../../emulators/sentinel/pattern.js';
import { assertLinear } from '../../helpers/linear-time.js';

const VALID = [
  "[ipv4-addr:value = '172.29.6.7']",
  "[ipv4-addr:value = '198.51.100.0/24']",
  "[domain-name:value = 'c2.badguy.example']",
  "[url:value = 'https://x.example/p?q=1&r=\\'2\\'']",
  "[file:hashes.MD5 = '5d41402abc4b2a76b9719d911017c592']",
  "[file:hashes.'SHA-256' = 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c']",
  "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Software\\\\x']",
  '[autonomous-system:number = 64500]',
  "[email-message:from_ref.value = 'a@b.example']",
  "[network-traffic:dst_ref.value = '203.0.113.1' AND network-traffic:dst_port = 443]",
  "[file:name = 'a.exe' OR file:name = 'b.exe'] FOLLOWEDBY [process:name NOT = 'x']",
  "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
  '[network-traffic:dst_port IN (80, 443, 8080)]',
  "[file:name LIKE 'invoice%.exe'] WITHIN 300 SECONDS",
  "[file:name MATCHES '^a.*b$'] REPEATS 5 TIMES",
  "[x509-certificate:hashes.'SHA-1' = 'ab'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
  "([file:size > 10] AND [file:size < 20]) OR [file:mime_type = 'text/plain']",
  "[(file:name = 'a' OR file:name = 'b') AND file:size >= 1]",
  "[artifact:payload_bin = b'aGVsbG8=']",
  "[file:hashes.MD5 = h'00ff']",
  '[process:is_hidden = true]',
  '[EXISTS windows-registry-key:values]',
];

const INVALID: Array<[string, RegExp]> = [
  ['', /expected \[ or \(/],
  ["ipv4-addr:value = '1.2.3.4'", /expected \[ or \(/],
  ["[ipv4-addr:value = '1.2.3.4'", /expected \]/],
  ["[ipv4-addr:value = '1.2.3.4]", /unterminated/],
  ["[ipv4-addr = '1.2.3.4']", /expected :/],
  ["[ipv4-addr:value '1.2.3.4']", /comparison operator/],
  ['[ipv4-addr:value = ]', /expected a value/],
  ["[ipv4-addr:value = '1'] AND", /expected \[ or \(/],
  ["[file:name = 'a'] WITHIN -5 SECONDS", /positive number/],
  ["[file:name = 'a'] START '2016' STOP t'2016-07-01T00:00:00Z'", /timestamp/],
  ["[file:name = 'a'] START t'yesterday' STOP t'2016-07-01T00:00:00Z'", /malformed t/],
  ["[file:hashes.MD5 = h'0g']", /malformed h/],
  ['[file:name LIKE 5]', /quoted string/],
  ["[file:name = 'a' ; DROP]", /unexpected character/],
  ["[file:name = 'a\\n']", /bad escape/],
  ["[file:name = 'a'] [file:name = 'b']", /unexpected text/],
  ['snort alert tcp any any', /expected \[ or \(/],
];

describe('STIX pattern check (emulator)', () => {
  test('accepts the patterns the specification shows', () => {
    for (const p of VALID) assert.equal(stixPatternProblem(p), undefined, p);
  });

  test('refuses malformed patterns with the reason and where', () => {
    for (const [p, why] of INVALID) assert.match(stixPatternProblem(p) ?? 'accepted', why, p);
  });

  test('refuses nesting past its cap instead of exhausting the stack', () => {
    const deep = `${'('.repeat(10_000)}[a:b = 1]${')'.repeat(10_000)}`;
    assert.match(stixPatternProblem(deep) ?? '', /nested too deeply/);
    assert.equal(stixPatternProblem(`${'('.repeat(20)}[a:b = 1]${')'.repeat(20)}`), undefined);
  });

  test('takes time linear in the length of hostile patterns', async () => {
    await assertLinear('stixPatternProblem', stixPatternProblem, [
      "[a:b = 'x' AND ",
      "'\\'",
      '(',
      '[',
      "a:b.'c'.",
      "[file:name = 'a'] FOLLOWEDBY ",
      "t'",
      '1.',
    ]);
  });
});
