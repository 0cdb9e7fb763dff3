// The verdict under configured weights: points replace the defaults, 0 takes a reason out, the
// thresholds decide the level and are kept with it, and the options are validated at the edge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AnalyzeOptions, analyzeReport } from '../../../src/phishing/analyze/index.js';
import type { ParsedMessage } from '../../../src/phishing/parse/index.js';
import { h, reportOf } from './report-of.js';

const exe = { name: 'x.exe', contentType: 'application/octet-stream', size: 1, bytes: new Uint8Array([1]) };
/** DMARC fail (3) and a program attached (4): 7, malicious by default. */
const PHISH: Partial<ParsedMessage> = {
  headers: [h('Authentication-Results', 'mx; dmarc=fail')],
  attachments: [exe],
};
const verdictOf = (over: Partial<ParsedMessage>, verdict?: AnalyzeOptions['verdict']) =>
  analyzeReport(reportOf(over), { ownDomains: ['contoso.com'], ...(verdict ? { verdict } : {}) }).verdict;
const summary = (v: ReturnType<typeof verdictOf>) => ({
  level: v.level,
  score: v.score,
  reasons: v.reasons.map((r) => `${r.code}+${r.points}`),
});

test('an empty verdict configuration keeps the default points and thresholds', () => {
  assert.deepEqual(summary(verdictOf(PHISH, {})), {
    level: 'malicious',
    score: 7,
    reasons: ['AUTH_DMARC_FAIL+3', 'ATTACHMENT_DANGEROUS+4'],
  });
  assert.deepEqual(verdictOf(PHISH).thresholds, { suspicious: 3, malicious: 6 });
});

test('configured points replace the defaults in the reasons and the score', () => {
  const v = verdictOf(PHISH, { points: { AUTH_DMARC_FAIL: 1, ATTACHMENT_DANGEROUS: 2 } });
  assert.deepEqual(summary(v), {
    level: 'suspicious',
    score: 3,
    reasons: ['AUTH_DMARC_FAIL+1', 'ATTACHMENT_DANGEROUS+2'],
  });
});

test('0 points takes a code out: no reason, no points', () => {
  const v = verdictOf(PHISH, { points: { ATTACHMENT_DANGEROUS: 0 } });
  assert.deepEqual(summary(v), { level: 'suspicious', score: 3, reasons: ['AUTH_DMARC_FAIL+3'] });
  // Also a code whose points vary by case.
  const weak = { headers: [h('Authentication-Results', 'mx; dmarc=fail action=none')] };
  assert.deepEqual(summary(verdictOf(weak)), { level: 'clean', score: 2, reasons: ['AUTH_DMARC_FAIL+2'] });
  assert.deepEqual(summary(verdictOf(weak, { points: { AUTH_DMARC_FAIL: 0 } })), {
    level: 'clean',
    score: 0,
    reasons: [],
  });
});

test('a varying case follows the configured points of its code', () => {
  const weak = { headers: [h('Authentication-Results', 'mx; dmarc=fail action=none')] };
  assert.deepEqual(summary(verdictOf(weak, { points: { AUTH_DMARC_FAIL: 6 } })).reasons, [
    'AUTH_DMARC_FAIL+5',
  ]);
  const both = {
    headers: [h('Authentication-Results', 'mx; dmarc=fail action=quarantine; compauth=fail reason=000')],
  };
  assert.deepEqual(summary(verdictOf(both)).reasons, ['AUTH_DMARC_FAIL+3', 'AUTH_COMPAUTH_FAIL+1']);
  assert.deepEqual(summary(verdictOf(both, { points: { AUTH_COMPAUTH_FAIL: 4 } })).reasons, [
    'AUTH_DMARC_FAIL+3',
    'AUTH_COMPAUTH_FAIL+3',
  ]);
  // With the DMARC code off, nothing counted the failure: compauth 000 weighs as it does alone.
  assert.deepEqual(summary(verdictOf(both, { points: { AUTH_DMARC_FAIL: 0 } })).reasons, [
    'AUTH_COMPAUTH_FAIL+3',
  ]);
});

test('configured thresholds decide the level and travel with the verdict', () => {
  const v = verdictOf(PHISH, { thresholds: { suspicious: 8, malicious: 12 } });
  assert.equal(v.level, 'clean');
  assert.deepEqual(v.thresholds, { suspicious: 8, malicious: 12 });
  assert.equal(verdictOf(PHISH, { thresholds: { suspicious: 2, malicious: 7 } }).level, 'malicious');
  assert.equal(verdictOf(PHISH, { thresholds: { malicious: 8 } }).level, 'suspicious');
});

test('options the configuration would refuse are refused by the analysis too', () => {
  const refused = (verdict: unknown, pattern: RegExp) =>
    assert.throws(() => verdictOf(PHISH, verdict as AnalyzeOptions['verdict']), pattern);
  refused({ points: { AUTH_SPF_FIAL: 2 } }, /expected one of the reason codes \(AUTH_SPF_FAIL, /);
  refused(
    { thresholds: { suspicious: 6, malicious: 6 } },
    /expected more than verdict\.thresholds\.suspicious/,
  );
  refused({ points: { AUTH_SPF_FAIL: -1 } }, /too_small|>=0/i);
  refused({ weights: {} }, /unrecognized/i);
});
