// Which reports go to Archer, for every kind, policy and verdict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shouldFile } from '../../../src/phishing/pipeline/file-policy.js';

const LEVELS = ['clean', 'suspicious', 'malicious', null] as const;
const POLICIES = ['file', 'ifSuspicious', 'ifMalicious', 'skip'] as const;

test('phishing reports, plain forwards and old records are always filed, whatever the policy', () => {
  for (const kind of ['phishing', 'unspecified', undefined] as const)
    for (const level of LEVELS)
      for (const p of POLICIES)
        assert.equal(shouldFile(kind, level, { junk: p, notJunk: p }), true, `${kind} ${level} ${p}`);
});

test('junk and not-junk reports follow their own policy and the verdict', () => {
  const want: Record<(typeof POLICIES)[number], Array<(typeof LEVELS)[number]>> = {
    file: ['clean', 'suspicious', 'malicious', null],
    ifSuspicious: ['suspicious', 'malicious'],
    ifMalicious: ['malicious'],
    skip: [],
  };
  for (const p of POLICIES)
    for (const level of LEVELS) {
      const expected = want[p].includes(level);
      assert.equal(shouldFile('junk', level, { junk: p, notJunk: 'skip' }), expected, `junk ${p} ${level}`);
      assert.equal(
        shouldFile('not-junk', level, { junk: 'skip', notJunk: p }),
        expected,
        `not-junk ${p} ${level}`,
      );
    }
});
