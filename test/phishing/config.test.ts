// `[phishing.verdict]` in graphsoc.toml: thresholds and points are read, checked with a key and an
// "expected …" per problem (an unknown code names the known ones), and change what the analysis says.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeReport } from '../../src/phishing/analyze/index.js';
import { loadAppConfig } from '../../src/app/config.js';
import { ConfigError } from '../../src/platform/config/index.js';
import { tempFile } from '../helpers/tmp.js';
import { h, reportOf } from './analyze/report-of.js';

const load = (toml: string, env: NodeJS.ProcessEnv = {}) =>
  loadAppConfig({ path: tempFile('graphsoc.toml', toml), env }).config.phishing;

function problems(toml: string): string[] {
  const path = tempFile('graphsoc.toml', toml);
  try {
    loadAppConfig({ path, env: {} });
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.message
      .split('\n')
      .slice(1)
      .map((l) => l.replace(`  ${path}: `, ''));
  }
  return assert.fail('expected the configuration to be refused');
}

/** DMARC fail (3 points) and a program attached (4): 7, malicious with the defaults. */
const phish = reportOf({
  headers: [h('Authentication-Results', 'mx; dmarc=fail')],
  attachments: [
    { name: 'x.exe', contentType: 'application/octet-stream', size: 1, bytes: new Uint8Array([1]) },
  ],
});
const levelUnder = (verdict: ReturnType<typeof load>['verdict']) => analyzeReport(phish, { verdict }).verdict;

describe('phishing.verdict', () => {
  test('left out, it holds the default thresholds and no points of its own', () => {
    assert.deepEqual(load('').verdict, { thresholds: { suspicious: 3, malicious: 6 }, points: {} });
  });

  test('an unknown reason code is refused with the codes there are', () => {
    const [line, ...rest] = problems('[phishing.verdict.points]\nAUTH_SPF_FAIL = 1\nAUTH_SPF_FIAL = 2\n');
    assert.deepEqual(rest, []);
    assert.match(
      line ?? '',
      /^phishing\.verdict\.points\.AUTH_SPF_FIAL: expected one of the reason codes \(AUTH_SPF_FAIL, AUTH_SPF_SOFTFAIL, .*, MS_PHISH_CATEGORY\); found "AUTH_SPF_FIAL"$/,
    );
  });

  test('malicious at or below suspicious is refused, also against a default', () => {
    assert.deepEqual(problems('[phishing.verdict.thresholds]\nsuspicious = 5\nmalicious = 5\n'), [
      'phishing.verdict.thresholds.malicious: expected more than verdict.thresholds.suspicious (5), so a malicious message is also suspicious; found 5',
    ]);
    assert.deepEqual(problems('[phishing.verdict.thresholds]\nsuspicious = 8\n'), [
      'phishing.verdict.thresholds.malicious: expected more than verdict.thresholds.suspicious (8), so a malicious message is also suspicious; found 6',
    ]);
  });

  test('points and thresholds out of range, or written as text, are refused', () => {
    assert.deepEqual(
      problems(
        '[phishing.verdict.thresholds]\nsuspicious = 0\n[phishing.verdict.points]\nLINK_SHORTENER = -1\nLINK_IP_HOST = "3"\nMS_BCL_HIGH = 1.5\n',
      ),
      [
        'phishing.verdict.thresholds.suspicious: expected at least 1; found 0',
        'phishing.verdict.points.LINK_SHORTENER: expected at least 0; found -1',
        'phishing.verdict.points.LINK_IP_HOST: expected a number; found "3"',
        'phishing.verdict.points.MS_BCL_HIGH: expected a whole number; found 1.5',
      ],
    );
  });

  test('an override changes the level, and 0 points takes a reason out', () => {
    assert.equal(levelUnder(load('').verdict).level, 'malicious');
    const raised = load('[phishing.verdict.thresholds]\nsuspicious = 5\nmalicious = 10\n').verdict;
    assert.equal(levelUnder(raised).level, 'suspicious');
    const off = levelUnder(load('[phishing.verdict.points]\nATTACHMENT_DANGEROUS = 0\n').verdict);
    assert.deepEqual(
      { level: off.level, codes: off.reasons.map((r) => r.code) },
      { level: 'suspicious', codes: ['AUTH_DMARC_FAIL'] },
    );
  });

  test('thresholds can be set by environment variable', () => {
    const c = load('', { GRAPHSOC_PHISHING_VERDICT_THRESHOLDS_MALICIOUS: '9' });
    assert.deepEqual(c.verdict.thresholds, { suspicious: 3, malicious: 9 });
  });
});
