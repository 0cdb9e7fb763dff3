// A stored report record read back: what the analysis added later (the verdict's thresholds, the
// attachment inspection in brief) survives the round trip, and a record stored before it still reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeReport } from '../../../src/phishing/analyze/index.js';
import { caseDescription } from '../../../src/phishing/cases/content.js';
import type { ReportRecord } from '../../../src/phishing/cases/report-record.js';
import { recordOf } from '../../../src/phishing/store/record-schema.js';
import { buildZip } from '../analyze/attachments/build-zip.js';
import { h, reportOf } from '../analyze/report-of.js';

const zip = buildZip([{ name: 'invoice.pdf.js', data: 'x' }]);
const analysis = analyzeReport(
  reportOf({
    headers: [h('Authentication-Results', 'mx; dmarc=fail')],
    attachments: [
      { name: 'a.zip', contentType: 'application/zip', size: zip.length, bytes: new Uint8Array(zip) },
    ],
  }),
  { verdict: { thresholds: { suspicious: 2, malicious: 9 } } },
);
const record: ReportRecord = {
  reportedAt: 0,
  reporter: 'alice@contoso.com',
  subject: 'Invoice',
  from: 'billing@fabrikam.example',
  replyTo: [],
  returnPath: null,
  messageId: null,
  analysis,
};

test('thresholds and inspection findings survive storage and reach the Archer description', () => {
  const back = recordOf({ id: 1, analysis: JSON.stringify(record) });
  assert.deepEqual(back?.analysis?.verdict.thresholds, { suspicious: 2, malicious: 9 });
  assert.deepEqual(back?.analysis?.inspected, analysis.inspected);
  const d = caseDescription([back as ReportRecord]);
  assert.match(d, /score 7: malicious at 9, suspicious at 2/);
  assert.match(d, /Inside the attachments/);
});

test('a record stored before them still reads, and is described without them', () => {
  const { inspected: _, verdict, ...rest } = analysis;
  const { thresholds: __, ...oldVerdict } = verdict;
  const back = recordOf({
    id: 2,
    analysis: JSON.stringify({ ...record, analysis: { ...rest, verdict: oldVerdict } }),
  });
  assert.equal(back?.analysis?.verdict.thresholds, undefined);
  assert.match(caseDescription([back as ReportRecord]), /\(score 7\)<\/p>/);
});

test("graphsoc's own signature check survives storage and is listed under Authentication", () => {
  const signatures = {
    status: 'verified' as const,
    note: null,
    dkim: [
      {
        domain: 'fabrikam.example',
        selector: 's1',
        algorithm: 'rsa-sha256',
        result: 'fail' as const,
        why: 'body-hash',
      },
    ],
    arc: { result: 'pass' as const, instance: 1, why: null },
  };
  const back = recordOf({
    id: 3,
    analysis: JSON.stringify({ ...record, analysis: { ...analysis, signatures } }),
  });
  assert.deepEqual(back?.analysis?.signatures, signatures);
  const d = caseDescription([back as ReportRecord]);
  assert.match(d, /DKIM, own check: fabrikam\[\.\]example s=s1: fail \(body changed\)/);
  assert.match(d, /ARC, own check: pass \(i=1\)/);
});
