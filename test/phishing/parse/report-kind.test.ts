// The report button's mark in the report mail's subject, in both documented spellings, and nothing
// else taken for one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ReportKind, reportKind } from '../../../src/phishing/parse/index.js';

test('documented prefixes name the kind, in any case and spacing', () => {
  const cases: Array<[string, ReportKind]> = [
    ['1|Win a prize', 'junk'],
    ['1 | Win a prize', 'junk'],
    ['Junk: Win a prize', 'junk'],
    ['JUNK:Win a prize', 'junk'],
    ['2|Weekly news', 'not-junk'],
    ['Not junk: Weekly news', 'not-junk'],
    ['Not Junk:Weekly news', 'not-junk'],
    ['not-junk: Weekly news', 'not-junk'],
    ['3|Your mailbox is full', 'phishing'],
    ['Phishing: Your mailbox is full', 'phishing'],
    ['  phishing : Your mailbox is full', 'phishing'],
    ['Phish: Your mailbox is full', 'phishing'],
  ];
  for (const [subject, kind] of cases) assert.equal(reportKind(subject), kind, subject);
});

test('anything else is a report of something suspicious, not a guess', () => {
  for (const subject of [
    'FW: Your mailbox is full',
    'WG: Rechnung',
    'Is this junk: or not?',
    'RE: Not junk: weekly news',
    '4|Something',
    '12|Something',
    '|Something',
    'Junk mail everywhere',
    'Phishing test results',
    '',
  ])
    assert.equal(reportKind(subject), 'unspecified', subject);
});
