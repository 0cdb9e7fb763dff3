// The attachment rules judge what was found inside a file before what its name says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttachmentFindings } from '../../../src/phishing/analyze/attachments/index.js';
import { emptyOfficeFindings } from '../../../src/phishing/analyze/attachments/office-findings.js';
import type { Facts } from '../../../src/phishing/analyze/facts.js';
import { analyzeOptionsSchema } from '../../../src/phishing/analyze/options.js';
import { attachments } from '../../../src/phishing/analyze/rules-attachments.js';
import type { ReportAttachment } from '../../../src/phishing/parse/index.js';
import { messageOf } from './report-of.js';

const file = (name: string, contentType = 'application/octet-stream'): ReportAttachment => ({
  name,
  contentType,
  size: 4,
  bytes: new Uint8Array(4),
});

function codes(atts: ReportAttachment[], inspected: AttachmentFindings[]): string[] {
  const facts = {
    message: messageOf({ attachments: atts }),
    inspected,
    options: analyzeOptionsSchema.parse({}),
  } as unknown as Facts;
  return attachments(facts).map((r) => r.code);
}

const office = (
  name: string,
  over: Partial<AttachmentFindings['office'] & object> = {},
): AttachmentFindings => ({
  name,
  detected: 'ole',
  declared: 'ole',
  mismatch: false,
  office: { ...emptyOfficeFindings('ole'), ...over },
});

test('an Office file read whole without a macro is not judged by its extension', () => {
  assert.deepEqual(codes([file('report.xls')], [office('report.xls')]), []);
  assert.deepEqual(codes([file('report.doc')], [office('report.doc', { encrypted: true })]), [
    'ATTACHMENT_MACRO',
  ]);
  assert.deepEqual(
    codes([file('report.doc')], []),
    ['ATTACHMENT_MACRO'],
    'not inspected: the extension decides',
  );
});

test('a macro, a remote template and an active PDF are reported once each', () => {
  assert.deepEqual(codes([file('a.docm')], [office('a.docm', { macros: true, truncated: true })]), [
    'ATTACHMENT_MACRO',
  ]);
  assert.deepEqual(
    codes([file('b.docx')], [office('b.docx', { externalTemplate: 'https://evil.example/t.dotm' })]),
    ['ATTACHMENT_REMOTE_CONTENT'],
  );
  const pdf: AttachmentFindings = {
    name: 'c.pdf',
    detected: 'pdf',
    declared: 'pdf',
    mismatch: false,
    pdf: {
      urls: ['https://evil.example/'],
      javascript: true,
      launch: false,
      openAction: true,
      additionalActions: false,
      embeddedFiles: 0,
      encrypted: true,
      decrypted: true,
      truncated: false,
    },
  };
  assert.deepEqual(codes([file('c.pdf')], [pdf]), ['ATTACHMENT_PDF_ACTIVE', 'ATTACHMENT_PDF_LOCKED_LINK']);
});

test('an archive carrying a program or a password, and a file that is not what it claims', () => {
  const zip: AttachmentFindings = {
    name: 'd.zip',
    detected: 'zip',
    declared: 'zip',
    mismatch: false,
    archive: {
      entries: 2,
      names: ['invoice.js', 'x.txt'],
      encryptedEntries: 1,
      dangerous: [{ name: 'invoice.js', risk: 'executable' }],
      nestedArchives: 0,
      truncated: false,
    },
  };
  assert.deepEqual(codes([file('d.zip')], [zip]), ['ARCHIVE_DANGEROUS', 'ARCHIVE_ENCRYPTED']);
  const fake: AttachmentFindings = { name: 'e.pdf', detected: 'zip', declared: 'pdf', mismatch: true };
  assert.deepEqual(codes([file('e.pdf')], [fake]), ['ATTACHMENT_TYPE_MISMATCH']);
  assert.deepEqual(codes([file('f.exe')], []), ['ATTACHMENT_DANGEROUS']);
});
