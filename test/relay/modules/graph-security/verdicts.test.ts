import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgementSchema, verdictSchema } from '../../../../src/relay/ctim/index.js';
import { judgementsFor } from '../../../../src/relay/modules/graph-security/mapping/verdicts.js';
import { alertV2Schema } from '../../../../src/relay/modules/graph-security/schemas.js';

const SHA = '8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec';
const alert = (id: string, verdict: string, severity = 'high') =>
  alertV2Schema.parse({
    id,
    title: `Alert ${id}`,
    severity,
    alertWebUrl: `https://security.microsoft.com/alerts/${id}`,
    evidence: [
      {
        '@odata.type': '#microsoft.graph.security.fileEvidence',
        verdict,
        fileDetails: { sha256: SHA.toUpperCase(), fileName: 'x.exe' },
      },
      { '@odata.type': '#microsoft.graph.security.ipEvidence', verdict: 'unknown', ipAddress: '10.0.0.1' },
    ],
  });

test('the strongest evidence verdict per observable becomes one judgement and its verdict', () => {
  const obs = { type: 'sha256', value: SHA };
  const { judgements, verdicts } = judgementsFor(
    [
      { alert: alert('a1', 'suspicious', 'low'), matched: [obs] },
      { alert: alert('a2', 'malicious'), matched: [obs, { type: 'ip', value: '10.0.0.1' }] },
    ],
    Date.parse('2026-11-22T00:00:00Z'),
  );
  assert.equal(judgements.length, 1, 'the ip evidence says unknown: no judgement');
  const j = judgementSchema.parse(judgements[0]);
  assert.equal(j.disposition, 2);
  assert.equal(j.disposition_name, 'Malicious');
  assert.equal(j.confidence, 'High');
  assert.equal(j.severity, 'High');
  assert.equal(j.priority, 90);
  assert.equal(j.reason_uri, 'https://security.microsoft.com/alerts/a2');
  assert.deepEqual(j.valid_time, {
    start_time: '2026-11-22T00:00:00.000Z',
    end_time: '2026-11-29T00:00:00.000Z',
  });
  const v = verdictSchema.parse(verdicts[0]);
  assert.equal(v.judgement_id, j.id);
});

test('no verdicts, no judgements; unknown verdict words are ignored', () => {
  assert.deepEqual(
    judgementsFor([{ alert: alert('a3', 'noThreatsFound'), matched: [{ type: 'sha256', value: SHA }] }]),
    {
      judgements: [],
      verdicts: [],
    },
  );
  assert.deepEqual(judgementsFor([]), { judgements: [], verdicts: [] });
});
