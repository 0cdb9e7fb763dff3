// The per-sink decision: send with action, confidence, severity and expiry; skip for a policy reason;
// expire when the indicator's own data ends it. Pure, so every case is one call.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePolicy, type Decision, decide } from '../../../src/intel/index.js';
import { DAY, indicator, NOW } from '../fixtures.js';

const sentinel = compilePolicy('sentinel', {});
const defender = compilePolicy('defender', {});
const kindOf = (d: Decision) => (d.kind === 'send' ? 'send' : `${d.kind}:${d.reason}`);

test('an indicator within policy is sent with confidence from its score and expiry from its TTL', () => {
  const i = indicator({ type: 'domain', value: 'evil.test-feed.net', score: 80, lastSeenMs: NOW - DAY });
  const d = decide(i, sentinel, NOW);
  assert.equal(d.kind, 'send');
  if (d.kind !== 'send') return;
  assert.equal(d.action, 'alert');
  assert.equal(d.confidence, 80);
  assert.equal(d.severity, 'high');
  assert.equal(d.expiresAtMs, NOW - DAY + 90 * DAY);
  assert.match(d.fingerprint, /^[0-9a-f]{64}$/);
});

test("expiry is the sooner of the source's validUntil and last seen plus the type's TTL", () => {
  const soon = decide(indicator({ validUntilMs: NOW + 3 * DAY }), sentinel, NOW);
  assert.equal(soon.kind === 'send' && soon.expiresAtMs, NOW + 3 * DAY);
  const ip = decide(indicator({ type: 'ipv4', value: '8.8.8.8', lastSeenMs: NOW - DAY }), sentinel, NOW);
  assert.equal(ip.kind === 'send' && ip.expiresAtMs, NOW - DAY + 30 * DAY);
  const custom = compilePolicy('sentinel', { ttlDays: { ipv4: 7 } });
  const short = decide(indicator({ type: 'ipv4', value: '8.8.8.8', lastSeenMs: NOW - DAY }), custom, NOW);
  assert.equal(short.kind === 'send' && short.expiresAtMs, NOW + 6 * DAY);
});

test('revoked, expired and stale indicators expire, with their reason', () => {
  const cases: Array<[Decision, string]> = [
    [decide(indicator({ revoked: true }), sentinel, NOW), 'expire:REVOKED'],
    [decide(indicator({ validUntilMs: NOW }), sentinel, NOW), 'expire:EXPIRED'],
    [decide(indicator({ validUntilMs: NOW - 1 }), sentinel, NOW), 'expire:EXPIRED'],
    [
      decide(
        indicator({
          type: 'ipv4',
          value: '8.8.8.8',
          firstSeenMs: NOW - 40 * DAY,
          lastSeenMs: NOW - 31 * DAY,
        }),
        sentinel,
        NOW,
      ),
      'expire:EXPIRED',
    ],
    [
      decide(
        indicator({
          type: 'sha256',
          value: 'b'.repeat(64),
          firstSeenMs: NOW - 200 * DAY,
          lastSeenMs: NOW - 181 * DAY,
        }),
        sentinel,
        NOW,
      ),
      'expire:TOO_OLD',
    ],
    [decide(indicator({ revoked: true, type: 'ipv4', value: '10.0.0.1' }), sentinel, NOW), 'expire:REVOKED'],
  ];
  for (const [d, want] of cases) assert.equal(kindOf(d), want);
});

test('types a sink does not take, TLP above its maximum, low scores and broad blocks are skipped', () => {
  const cases: Array<[Decision, string]> = [
    [
      decide(indicator({ type: 'email', value: 'ceo@evil.test-feed.net' }), defender, NOW),
      'skip:TYPE_NOT_TAKEN',
    ],
    [decide(indicator({ type: 'file-name', value: 'invoice.exe' }), sentinel, NOW), 'skip:TYPE_NOT_TAKEN'],
    [decide(indicator({ tlp: 'TLP:RED' }), sentinel, NOW), 'skip:TLP_TOO_HIGH'],
    [decide(indicator({ tlp: 'amber+strict' }), sentinel, NOW), 'send'],
    [decide(indicator({ tlp: 'red' }), compilePolicy('sentinel', { maxTlp: 'red' }), NOW), 'send'],
    [
      decide(indicator({ tlp: 'amber' }), compilePolicy('sentinel', { maxTlp: 'green' }), NOW),
      'skip:TLP_TOO_HIGH',
    ],
    [decide(indicator({ score: 0 }), sentinel, NOW), 'skip:SCORE_TOO_LOW'],
    [
      decide(indicator({ score: 40 }), compilePolicy('sentinel', { minScore: 50 }), NOW),
      'skip:SCORE_TOO_LOW',
    ],
    [decide(indicator({ score: null }), compilePolicy('sentinel', { minScore: 50 }), NOW), 'send'],
    [
      decide(indicator({ score: null }), compilePolicy('sentinel', { minScore: 50, unscoredAs: 10 }), NOW),
      'skip:SCORE_TOO_LOW',
    ],
    [decide(indicator({ type: 'cidr', value: '8.0.0.0/8' }), sentinel, NOW), 'skip:CIDR_TOO_BROAD'],
    [decide(indicator({ type: 'cidr', value: '0.0.0.0/0' }), sentinel, NOW), 'skip:RESERVED_RANGE'],
    [decide(indicator({ type: 'cidr', value: '8.8.0.0/16' }), sentinel, NOW), 'send'],
    [decide(indicator({ type: 'cidr', value: '2a00::/16' }), sentinel, NOW), 'skip:CIDR_TOO_BROAD'],
    [decide(indicator({ type: 'cidr', value: '2a00:1450::/32' }), sentinel, NOW), 'send'],
  ];
  for (const [d, want] of cases) assert.equal(kindOf(d), want);
});

test('own and allow-listed domains are skipped with their subdomains, in domains, URLs and addresses', () => {
  const p = compilePolicy('sentinel', {
    ownDomains: ['Contoso.COM'],
    allowDomains: ['partner.net', 'Bücher.de'],
    allowCidrs: ['8.8.8.0/24', '2a00:1450::1', '9.9.9.9'],
  });
  const cases: Array<[Parameters<typeof indicator>[0], string]> = [
    [{ type: 'domain', value: 'contoso.com' }, 'skip:OWN_DOMAIN'],
    [{ type: 'domain', value: 'login.contoso.com' }, 'skip:OWN_DOMAIN'],
    [{ type: 'domain', value: 'notcontoso.com' }, 'send'],
    [{ type: 'domain', value: 'contoso.com.evil.net' }, 'send'],
    [{ type: 'url', value: 'https://sso.contoso.com/login?x=1' }, 'skip:OWN_DOMAIN'],
    [{ type: 'email', value: 'ceo@contoso.com' }, 'skip:OWN_DOMAIN'],
    [{ type: 'email', value: 'contoso.com@evil.net' }, 'send'],
    [{ type: 'domain', value: 'cdn.partner.net' }, 'skip:ALLOW_LISTED_DOMAIN'],
    [{ type: 'domain', value: 'xn--bcher-kva.de' }, 'skip:ALLOW_LISTED_DOMAIN'],
    [{ type: 'ipv4', value: '8.8.8.8' }, 'skip:ALLOW_LISTED_RANGE'],
    [{ type: 'ipv4', value: '8.8.9.8' }, 'send'],
    [{ type: 'ipv4', value: '9.9.9.9' }, 'skip:ALLOW_LISTED_RANGE'],
    [{ type: 'cidr', value: '8.8.0.0/16' }, 'skip:ALLOW_LISTED_RANGE'],
    [{ type: 'ipv6', value: '2a00:1450::1' }, 'skip:ALLOW_LISTED_RANGE'],
    [{ type: 'ipv6', value: '2a00:1450::2' }, 'send'],
    [{ type: 'url', value: 'http://8.8.8.8/x' }, 'skip:ALLOW_LISTED_RANGE'],
  ];
  for (const [over, want] of cases)
    assert.equal(kindOf(decide(indicator(over), p, NOW)), want, JSON.stringify(over));
});

test('private, reserved, loopback, link-local, CGNAT, multicast and documentation ranges are never sent', () => {
  const reserved: Array<[string, string]> = [
    ['ipv4', '10.1.2.3'],
    ['ipv4', '172.16.0.1'],
    ['ipv4', '172.31.255.255'],
    ['ipv4', '192.168.1.1'],
    ['ipv4', '127.0.0.1'],
    ['ipv4', '0.0.0.0'],
    ['ipv4', '169.254.169.254'],
    ['ipv4', '100.64.0.1'],
    ['ipv4', '100.127.255.255'],
    ['ipv4', '224.0.0.251'],
    ['ipv4', '239.255.255.250'],
    ['ipv4', '240.0.0.1'],
    ['ipv4', '255.255.255.255'],
    ['ipv4', '192.0.2.1'],
    ['ipv4', '198.51.100.7'],
    ['ipv4', '203.0.113.45'],
    ['ipv4', '198.18.0.1'],
    ['ipv6', '::1'],
    ['ipv6', '::'],
    ['ipv6', 'fe80::1'],
    ['ipv6', 'fd00::1'],
    ['ipv6', 'fc00::1'],
    ['ipv6', 'ff02::1'],
    ['ipv6', '2001:db8::dead:beef'],
    ['ipv6', '::ffff:10.0.0.1'],
    ['cidr', '10.0.0.0/16'],
    ['cidr', '172.0.0.0/8'],
    ['url', 'http://127.0.0.1:8080/admin'],
    ['url', 'http://0x7f.1/'],
    ['url', 'http://[::1]/x'],
    ['url', 'http://169.254.169.254/latest/meta-data/'],
    ['domain', 'printer.local'],
    ['domain', 'db.internal'],
    ['domain', 'x.test'],
    ['domain', 'www.example.com'],
    ['domain', 'c2.badguy.example'],
    ['domain', 'router.home.arpa'],
    ['email', 'a@mail.example.org'],
  ];
  for (const [type, value] of reserved) {
    const d = decide(indicator({ type, value }), sentinel, NOW);
    assert.equal(d.kind, 'skip', `${type} ${value}`);
  }
  for (const [type, value] of [
    ['ipv4', '172.32.0.1'],
    ['ipv4', '100.128.0.1'],
    ['ipv4', '11.0.0.1'],
    ['ipv4', '223.255.255.255'],
    ['ipv6', '2a00:1450:4001::1'],
    ['domain', 'localhost.evil.net'],
    ['domain', 'example.com.evil.net'],
  ])
    assert.equal(decide(indicator({ type, value }), sentinel, NOW).kind, 'send', `${type} ${value}`);
});

test('a sink may leave out reserved groups: the sandbox sends documentation ranges and example names', () => {
  const p = compilePolicy('sentinel', { reserved: ['private', 'loopback'] });
  assert.equal(decide(indicator({ type: 'ipv4', value: '203.0.113.45' }), p, NOW).kind, 'send');
  assert.equal(decide(indicator({ type: 'domain', value: 'c2.badguy.example' }), p, NOW).kind, 'send');
  assert.equal(kindOf(decide(indicator({ type: 'ipv4', value: '10.0.0.1' }), p, NOW)), 'skip:RESERVED_RANGE');
});

test("the empty file's hashes are skipped unless the policy says otherwise", () => {
  for (const h of [
    'd41d8cd98f00b204e9800998ecf8427e',
    'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
  ]) {
    assert.equal(kindOf(decide(indicator({ type: 'md5', value: h }), sentinel, NOW)), 'skip:EMPTY_FILE_HASH');
    const keep = compilePolicy('sentinel', { skipEmptyFileHashes: false });
    assert.equal(decide(indicator({ type: 'md5', value: h }), keep, NOW).kind, 'send');
  }
});

test('actions: first matching rule by score and type; none matching is audit; never block by default', () => {
  const p = compilePolicy('defender', {
    actions: [
      { action: 'block', minScore: 90, types: ['sha256', 'sha1'] },
      { action: 'alert', minScore: 60 },
      { action: 'audit', minScore: 30 },
    ],
  });
  const action = (over: Parameters<typeof indicator>[0], pol = p) => {
    const d = decide(indicator(over), pol, NOW);
    return d.kind === 'send' ? d.action : d.kind;
  };
  assert.equal(action({ type: 'sha256', value: 'a'.repeat(64), score: 95 }), 'block');
  assert.equal(action({ type: 'domain', value: 'evil.test-feed.net', score: 95 }), 'alert');
  assert.equal(action({ type: 'sha256', value: 'a'.repeat(64), score: 70 }), 'alert');
  assert.equal(action({ score: 40 }), 'audit');
  assert.equal(action({ score: 10 }), 'audit');
  for (const sink of ['sentinel', 'defender', 'graph'] as const)
    for (const score of [1, 50, 100])
      assert.notEqual(
        action({ type: 'sha256', value: 'a'.repeat(64), score }, compilePolicy(sink, {})),
        'block',
      );
  assert.equal(action({ score: 49 }, defender), 'audit');
  assert.equal(action({ score: 50 }, defender), 'alert');
});

test('severity from score bands', () => {
  const sev = (score: number, pol = sentinel) => {
    const d = decide(indicator({ score }), pol, NOW);
    return d.kind === 'send' ? d.severity : d.kind;
  };
  assert.deepEqual(
    [1, 24, 25, 49, 50, 74, 75, 100].map((s) => sev(s)),
    ['informational', 'informational', 'low', 'low', 'medium', 'medium', 'high', 'high'],
  );
  assert.equal(sev(60, compilePolicy('sentinel', { severity: { high: 60 } })), 'high');
});

test('the fingerprint is stable for the same input and changes with content, expiry and policy', () => {
  const fp = (d: Decision) => (d.kind === 'send' ? d.fingerprint : d.kind);
  const base = fp(decide(indicator(), sentinel, NOW));
  assert.equal(fp(decide(indicator(), sentinel, NOW + DAY)), base, 'the time of the run does not matter');
  assert.equal(fp(decide(indicator(), compilePolicy('sentinel', {}), NOW)), base);
  const others = [
    fp(decide(indicator({ score: 81 }), sentinel, NOW)),
    fp(decide(indicator({ lastSeenMs: NOW }), sentinel, NOW)),
    fp(decide(indicator(), compilePolicy('sentinel', { ttlDays: { domain: 30 } }), NOW)),
    fp(decide(indicator(), compilePolicy('sentinel', { actions: [{ action: 'audit' }] }), NOW)),
    fp(decide(indicator({ tags: ['c2', 'new'] }), sentinel, NOW)),
  ];
  assert.equal(new Set([base, ...others]).size, others.length + 1);
});
