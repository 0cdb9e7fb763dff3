// Verdict figures of the mail-dev bench: detection, false positives, rule firings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Judged, ruleFirings, verdictFigures } from '../../bench/mail-dev-figures.js';

const m = (folder: string, level: Judged['level'], ...reasons: string[]): Judged => ({
  folder,
  level,
  reasons,
});

const mails = [
  m('phish', 'malicious', 'A', 'B'),
  m('phish', 'suspicious', 'A', 'A'),
  m('phish', 'clean'),
  m('phish', 'failed'),
  m('ham/list', 'suspicious', 'B'),
  m('ham/list', 'clean', 'A'),
  m('ham/news', 'clean'),
  m('ham/news', 'clean'),
  m('other', 'malicious', 'C'),
];

test('detection is flagged phish over all phish, false positives flagged ham over all ham', () => {
  const f = verdictFigures(mails);
  assert.equal(f.detectionPct, 50);
  assert.equal(f.falsePositivePct, 25);
  assert.deepEqual(Object.keys(f.folders), ['ham/list', 'ham/news', 'other', 'phish']);
  assert.deepEqual(f.folders.phish, {
    mails: 4,
    clean: 1,
    suspicious: 1,
    malicious: 1,
    failed: 1,
    flaggedPct: 50,
  });
  assert.equal(f.folders['ham/list']?.flaggedPct, 50);
  assert.equal(f.folders['ham/news']?.flaggedPct, 0);
});

test('counts each rule once per mail, phish and ham apart, most ham firings first', () => {
  assert.deepEqual(Object.entries(ruleFirings(mails)), [
    ['A', [2, 1]],
    ['B', [1, 1]],
  ]);
});

test('an empty corpus gives zeros, not NaN', () => {
  const f = verdictFigures([]);
  assert.equal(f.detectionPct, 0);
  assert.equal(f.falsePositivePct, 0);
});
