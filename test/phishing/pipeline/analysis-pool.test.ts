// The analysis pool on real worker threads: results come back, a worker past its budget is
// terminated and its headers-only record kept, a worker that dies or throws fails only its own
// analysis, and the pool goes on with new workers.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { AnalysisPool } from '../../../src/phishing/pipeline/analysis-pool.js';
import type { AnalysisTask } from '../../../src/phishing/pipeline/analysis-task.js';

const STAND_IN = new URL('./stand-in-worker.ts', import.meta.url);

function task(subject: string, standIn?: 'hang' | 'crash' | 'throw', headers: string[] = []): AnalysisTask {
  const mime = [
    'From: <erin@contoso.example>',
    'To: <phish@contoso.example>',
    `Subject: FW: ${subject}`,
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: message/rfc822',
    '',
    'From: "IT" <it@contoso-support.example>',
    `Subject: ${subject}`,
    'Message-ID: <pool-test@contoso-support.example>',
    ...(standIn ? [`X-Stand-In: ${standIn}`] : []),
    ...headers,
    'Content-Type: text/plain',
    '',
    'Renew at https://contoso-support.example/renew now',
    '--b--',
    '',
  ].join('\r\n');
  return {
    mime: new TextEncoder().encode(mime),
    receivedAt: Date.parse('2026-12-01T10:00:00Z'),
    limits: { maxBytes: 1 << 20, maxDepth: 8, maxParts: 100 },
    ownDomains: ['contoso.example'],
    allowDomains: [],
  };
}

const pools: AnalysisPool[] = [];
const pool = (size: number, module?: URL) => {
  const p = new AnalysisPool({ size, ...(module ? { module } : {}) });
  pools.push(p);
  return p;
};
after(() => Promise.all(pools.map((p) => p.close())));

test('the real worker: the full record, with the URLs of the body', async () => {
  const out = await pool(1).analyse(task('Password expires'), 30_000);
  assert.equal(out.kind, 'done');
  if (out.kind !== 'done') return;
  assert.equal(out.result.record.subject, 'Password expires');
  assert.equal(out.result.record.from, 'it@contoso-support.example');
  assert.equal(out.result.record.reporter, 'erin@contoso.example');
  assert.deepEqual(out.result.record.analysis?.iocs.urls, ['https://contoso-support.example/renew']);
  assert.equal(out.result.record.incomplete, undefined);
});

test('phishing.verdict crosses to the real worker: its weights decide there, and an unknown code fails there', async () => {
  const p = pool(1);
  const failing = task('Weighed', undefined, ['Authentication-Results: mx.contoso.example; dmarc=fail']);
  const verdictOf = async (t: AnalysisTask) => {
    const out = await p.analyse(t, 30_000);
    assert.equal(out.kind, 'done');
    return out.kind === 'done' ? out.result.record.analysis?.verdict : undefined;
  };
  assert.deepEqual(await verdictOf(failing), {
    level: 'suspicious',
    score: 3,
    reasons: [{ code: 'AUTH_DMARC_FAIL', points: 3, text: 'DMARC check failed (fail).' }],
    thresholds: { suspicious: 3, malicious: 6 },
  });
  const weighed = await verdictOf({
    ...failing,
    verdict: { thresholds: { suspicious: 2, malicious: 5 }, points: { AUTH_DMARC_FAIL: 5 } },
  });
  assert.deepEqual(
    { level: weighed?.level, score: weighed?.score, thresholds: weighed?.thresholds },
    { level: 'malicious', score: 5, thresholds: { suspicious: 2, malicious: 5 } },
  );
  await assert.rejects(p.analyse({ ...failing, verdict: { points: { AUTH_DMARC_FIAL: 5 } } }, 30_000), {
    code: 'GSOC_PHISHING_ANALYSIS_FAILED',
  });
});

test('a hanging analysis ends at its budget with the headers-only record; the next one gets a new worker', async () => {
  const p = pool(1, STAND_IN);
  const hung = await p.analyse(task('Hangs', 'hang'), 1500);
  assert.equal(hung.kind, 'over-budget');
  if (hung.kind !== 'over-budget') return;
  assert.equal(hung.partial?.record.subject, 'Hangs');
  assert.equal(hung.partial?.record.from, 'it@contoso-support.example');
  // Headers only: no URL of the body, and no grouping by sender that URLs would have to confirm.
  assert.deepEqual(hung.partial?.record.analysis?.iocs.urls, []);
  assert.equal(hung.partial?.campaign?.senderDomain, null);
  const next = await p.analyse(task('Next'), 30_000);
  assert.equal(next.kind, 'done');
});

test('a worker that dies fails its analysis with WORKER_DIED; one that throws with FAILED; the pool goes on', async () => {
  const p = pool(1, STAND_IN);
  await assert.rejects(p.analyse(task('Dies', 'crash'), 30_000), {
    code: 'GSOC_PHISHING_ANALYSIS_WORKER_DIED',
  });
  await assert.rejects(p.analyse(task('Throws', 'throw'), 30_000), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'GSOC_PHISHING_ANALYSIS_FAILED');
    assert.match(e.message, /a bug in the analysis/);
    return true;
  });
  assert.equal((await p.analyse(task('After'), 30_000)).kind, 'done');
});

test('one hanging analysis holds one worker: the others go on beside it, queued ones in turn', async () => {
  const p = pool(2, STAND_IN);
  const hung = p.analyse(task('Hangs', 'hang'), 20_000);
  const others = await Promise.all(['One', 'Two', 'Three'].map((s) => p.analyse(task(s), 20_000)));
  assert.deepEqual(
    others.map((o) => (o.kind === 'done' ? o.result.record.subject : o.kind)),
    ['One', 'Two', 'Three'],
  );
  // The hanging one is still running: only its budget ends it.
  const state = await Promise.race([hung.then(() => 'ended'), Promise.resolve('running')]);
  assert.equal(state, 'running');
  await p.close();
  await assert.rejects(hung, { code: 'GSOC_PHISHING_ANALYSIS_UNAVAILABLE' });
});

test('a worker module that cannot start is an outage (retryable), not the report’s failure', async () => {
  const p = pool(1, new URL('./no-such-worker.ts', import.meta.url));
  await assert.rejects(
    p.analyse(task('Nowhere'), 30_000),
    (e: Error & { code?: string; retryable?: boolean }) => {
      assert.equal(e.code, 'GSOC_PHISHING_ANALYSIS_UNAVAILABLE');
      assert.equal(e.retryable, true);
      return true;
    },
  );
  const closed = pool(1);
  await closed.close();
  await assert.rejects(closed.analyse(task('Closed'), 30_000), {
    code: 'GSOC_PHISHING_ANALYSIS_UNAVAILABLE',
  });
});
