// The mail-dev bench's figures and detail lines from per-mail records.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MailOutcome, summarise } from '../../bench/mail-dev-result.js';
import { minHash } from '../../bench/mail-dev-similarity.js';
import type { AnalyzeRecord } from '../../src/phishing/analyze-files/record.js';

function record(
  file: string,
  level: 'clean' | 'suspicious',
  codes: string[],
  fingerprint: string | null,
): AnalyzeRecord {
  return {
    file,
    source: 'wrapper',
    depth: 0,
    messageId: null,
    subject: 's',
    date: null,
    from: null,
    replyTo: [],
    returnPath: null,
    auth: { spf: null, dkim: null, dmarc: null, arc: null, compauth: null },
    received: [],
    iocs: { urls: [], domains: [], ips: [], emails: [], attachments: [], allowListed: 0 },
    verdict: {
      level,
      score: codes.length * 10,
      reasons: codes.map((code) => ({ code, points: 10, text: code })),
    },
    campaignKey: fingerprint,
    campaignAliases: { messageId: null, fingerprint },
    campaignTemplate: null,
    warnings: [],
    alsoAttached: [],
  };
}

function mail(
  rel: string,
  folder: string,
  w: AnalyzeRecord | undefined,
  wo: AnalyzeRecord | undefined,
  body: number[],
): MailOutcome {
  const shingles = Uint32Array.from(body);
  const campaignKey = (w && !('error' in w) ? w.campaignKey : null) ?? `alone-${rel}`;
  return { rel, folder, withMs: w, withoutMs: wo, shingles, signature: minHash(shingles), campaignKey };
}

test('puts the figures of both runs together and writes a detail line per mail', () => {
  const mails = [
    mail(
      'phish/1.eml',
      'phish',
      record('1', 'suspicious', ['MS_SCL_HIGH'], 'fp:a'),
      record('1', 'clean', [], 'fp:a'),
      [1, 2, 3],
    ),
    mail('phish/2.eml', 'phish', record('2', 'clean', [], 'fp:b'), undefined, [1, 2, 3]),
    mail(
      'ham/l/3.eml',
      'ham/l',
      record('3', 'suspicious', ['REPLY_TO_MISMATCH'], null),
      record('3', 'suspicious', ['REPLY_TO_MISMATCH'], null),
      [9],
    ),
  ];
  const { figures, details } = summarise(mails);
  assert.equal(figures.withMicrosoft.detectionPct, 50);
  assert.equal(figures.withoutMicrosoft.detectionPct, 0);
  assert.equal(figures.withoutMicrosoft.folders.phish?.failed, 1);
  assert.equal(figures.withMicrosoft.falsePositivePct, 100);
  assert.deepEqual(figures.rules, { REPLY_TO_MISMATCH: [0, 1], MS_SCL_HIGH: [1, 0] });
  assert.equal(figures.campaigns.phish.templates, 1);
  assert.equal(figures.campaigns.phish.templatesSplit, 1);
  assert.deepEqual(details[0], {
    file: 'phish/1.eml',
    folder: 'phish',
    level: 'suspicious',
    score: 10,
    reasons: ['MS_SCL_HIGH'],
    campaignKey: 'fp:a',
    campaignJoin: null,
    campaign: 'phish/1.eml',
    template: 'phish/1.eml',
    withoutMicrosoft: { level: 'clean', score: 0, reasons: [] },
  });
  assert.equal(details[1]?.campaign, 'phish/2.eml');
  assert.deepEqual(details[1]?.withoutMicrosoft, { level: 'failed', score: null, reasons: [] });
  assert.equal(details[2]?.template, null);
});
