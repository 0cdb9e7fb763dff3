import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Progress } from '../../../src/phishing/analyze-files/progress.js';
import { count, emptyTally, formatSummary } from '../../../src/phishing/analyze-files/summary.js';

const outcome = (o: { level?: 'clean' | 'malicious'; error?: string; unreadable?: string }) => ({
  out: '',
  level: o.level ?? null,
  error: o.error ?? null,
  unreadable: o.unreadable ?? null,
});

test('the summary counts verdicts, unparseable and unreadable inputs and the rate', () => {
  const t = emptyTally();
  count(t, outcome({ level: 'malicious' }));
  count(t, outcome({ level: 'clean' }));
  count(t, outcome({ level: 'clean' }));
  count(t, outcome({ error: 'empty' }));
  count(t, outcome({ error: 'unreadable', unreadable: 'ENOENT' }));
  assert.equal(
    formatSummary(t, 2000),
    '4 messages in 2.0 s (2.0/s): 1 malicious, 0 suspicious, 2 clean, 1 unparseable; 1 unreadable input\n',
  );
});

test('the progress bar draws only on a terminal, at most every 100 ms, and clears itself', () => {
  assert.doesNotThrow(() => new Progress(null, 10).advance(5));
  const written: string[] = [];
  let now = 0;
  const p = new Progress({ write: (s: string) => written.push(s) }, 4, () => now);
  now = 200;
  p.advance(1);
  now = 250;
  p.advance(1); // too soon: not drawn
  now = 400;
  p.advance(2); // the last one is always drawn
  p.clear();
  assert.equal(written.length, 3);
  assert.equal(written[0], `\r\u001b[K[${'#'.repeat(8)}${'.'.repeat(22)}] 1/4 25%`);
  assert.match(written[1] ?? '', /\] 4\/4 100%/);
  assert.equal(written[2], '\r\x1b[K');
});
