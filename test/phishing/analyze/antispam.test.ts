import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeReport } from '../../../src/phishing/analyze/index.js';
import { h, reportOf } from './report-of.js';

test('SCL, BCL, PCL and the Forefront report fields are read', () => {
  const s = analyzeReport(
    reportOf({
      headers: [
        h('X-MS-Exchange-Organization-SCL', '9'),
        h('X-Microsoft-Antispam', 'BCL:7;PCL:8;'),
        h(
          'X-Forefront-Antispam-Report',
          'CIP:2001:db8::5;CTRY:RU;LANG:ru;SCL:9;SRV:BULK;IPV:NLI;SFV:SPM;H:mail.evil.example;PTR:mail.evil.example;CAT:HPHSH;DIR:INB;',
        ),
      ],
    }),
  ).antiSpam;
  assert.equal(s.scl, 9);
  assert.equal(s.bcl, 7);
  assert.equal(s.pcl, 8);
  assert.equal(s.report.CIP, '2001:db8::5');
  assert.deepEqual(
    ['SFV', 'CAT', 'IPV', 'CTRY', 'LANG', 'PTR'].map((k) => s.report[k]),
    ['SPM', 'HPHSH', 'NLI', 'RU', 'ru', 'mail.evil.example'],
  );
});

test('SCL falls back to the Forefront report; junk values are null', () => {
  const s = analyzeReport(
    reportOf({
      headers: [
        h('X-MS-Exchange-Organization-SCL', 'high'),
        h('X-Forefront-Antispam-Report', 'SCL:-1;SFV:SKN'),
      ],
    }),
  ).antiSpam;
  assert.equal(s.scl, -1);
  assert.equal(s.bcl, null);
  assert.equal(s.report.SFV, 'SKN');
});
