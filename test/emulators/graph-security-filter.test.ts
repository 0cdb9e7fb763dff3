// Unit tests of the security emulator's OData $filter compiler and the runHuntingQuery Timespan parser.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTimespan } from '../../emulators/graph-security/hunting-timespan.js';
import { compileFilter, FilterError } from '../../emulators/graph-security/odata-filter.js';

const alert = {
  severity: 'high',
  createdDateTime: '2026-02-01T10:00:00Z',
  fileStates: [{ name: "it's.exe", fileHash: { hashValue: 'ABC' } }, { name: 'b.dll' }],
  evidence: [
    { '@odata.type': '#microsoft.graph.security.userEvidence', userAccount: { userPrincipalName: 'a@b.c' } },
  ],
  tags: [],
};
const matches = (f: string, allowed?: Set<string>) => compileFilter(f, allowed)(alert);

describe('OData $filter compiler', () => {
  test('compares strings exactly, dates as instants, and combines with and/or/not', () => {
    assert.ok(matches("severity eq 'high'"));
    assert.ok(!matches("severity eq 'HIGH'"));
    assert.ok(matches('createdDateTime gt 2026-01-31T23:59:59Z and createdDateTime lt 2026-02-02'));
    assert.ok(matches("not (severity eq 'low') or severity eq 'low'"));
    assert.ok(matches("severity ne 'low' and missing eq null"));
  });

  test('any/all lambdas walk collections; doubled quotes are one quote; type casts narrow evidence', () => {
    assert.ok(matches("fileStates/any(x: x/name eq 'it''s.exe')"));
    assert.ok(matches("fileStates/any(x: x/fileHash/hashValue eq 'ABC' or x/name eq 'zz')"));
    assert.ok(!matches("fileStates/all(x: x/name eq 'b.dll')"));
    assert.ok(matches('fileStates/any()') && !matches('tags/any()'));
    assert.ok(
      matches(
        "evidence/any(e: e/microsoft.graph.security.userEvidence/userAccount/userPrincipalName eq 'a@b.c')",
      ),
    );
    assert.ok(
      !matches("evidence/any(e: e/microsoft.graph.security.deviceEvidence/deviceDnsName eq 'a@b.c')"),
    );
    assert.ok(matches("fileStates/any(x: contains(x/name, 'DLL')) and startswith(severity, 'hi')"));
  });

  test('syntax errors and properties outside the allowed set throw FilterError with a position', () => {
    for (const f of [
      "severity eq 'x",
      "severity eq 'a''",
      'severity eq',
      '(severity',
      "severity eq 'a' )",
      'a ^ b',
    ]) {
      assert.throws(
        () => matches(f),
        (e: unknown) => e instanceof FilterError && /position \d+/.test(e.message),
        f,
      );
    }
    assert.throws(() => matches("title eq 'x'", new Set(['severity'])), /property 'title' is not supported/);
    assert.ok(matches("fileStates/any(x: x/name eq 'b.dll')", new Set(['fileStates'])));
  });
});

describe('runHuntingQuery Timespan', () => {
  const now = Date.parse('2026-03-01T00:00:00Z');
  const day = 86_400_000;
  test('defaults to 30 days and accepts every documented form', () => {
    assert.deepEqual(parseTimespan(undefined, now), { startMs: now - 30 * day, endMs: now });
    assert.deepEqual(parseTimespan('P7D', now), { startMs: now - 7 * day, endMs: now });
    assert.deepEqual(parseTimespan('PT12H', now), { startMs: now - day / 2, endMs: now });
    const a = Date.parse('2026-02-01T08:00:00Z');
    const b = Date.parse('2026-02-15T08:00:00Z');
    assert.deepEqual(parseTimespan('2026-02-01T08:00:00Z/2026-02-15T08:00:00Z', now), {
      startMs: a,
      endMs: b,
    });
    assert.deepEqual(parseTimespan('P14D/2026-02-15T08:00:00Z', now), { startMs: a, endMs: b });
    assert.deepEqual(parseTimespan('2026-02-01T08:00:00Z/P14D', now), { startMs: a, endMs: b });
    assert.deepEqual(parseTimespan('2026-02-01T08:00:00Z', now), { startMs: a, endMs: now });
  });

  test('rejects text that is not an ISO 8601 duration, date or interval', () => {
    for (const bad of ['P', 'PT', '30d', 'yesterday', 'P1D/P2D', '2026-02-15/2026-02-01', 'a/b/c']) {
      assert.equal(typeof parseTimespan(bad, now), 'string', bad);
    }
  });
});
