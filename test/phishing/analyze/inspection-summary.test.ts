// The brief of an attachment's inspection kept in the record: fixed phrases for what was found, the
// targets a document loads, dangerous archive entries, each list cut to a few entries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttachmentFindings } from '../../../src/phishing/analyze/attachments/index.js';
import { MAX_SHOWN, summariseInspection } from '../../../src/phishing/analyze/inspection-summary.js';

const base = { detected: 'ole', declared: 'ole', mismatch: false } as const;

test('an Office document: its kind, macros, objects, links, and what it loads when opened', () => {
  const f: AttachmentFindings = {
    name: 'order.doc',
    ...base,
    office: {
      kind: 'doc',
      macros: true,
      excel4Macros: false,
      externalTemplate: 'https://evil.example/t.dotm',
      externalObjects: ['https://evil.example/o.html', 'https://evil.example/t.dotm'],
      externalLinks: ['https://evil.example/t.dotm', 'https://evil.example/o.html'],
      embeddedObjects: 1,
      encrypted: false,
      truncated: false,
    },
  };
  assert.deepEqual(summariseInspection(f), {
    name: 'order.doc',
    detected: 'doc',
    found: ['a macro (VBA project)', '1 embedded object', '2 external links'],
    loads: ['https://evil.example/t.dotm', 'https://evil.example/o.html'],
    dangerous: [],
  });
});

test('a PDF: its actions and links; an encrypted one says whether it was read', () => {
  const pdf = {
    urls: ['https://a.example/'],
    javascript: true,
    launch: true,
    openAction: true,
    additionalActions: false,
    embeddedFiles: 2,
    encrypted: true,
    decrypted: false,
    truncated: false,
  };
  const s = summariseInspection({ name: 'scan.pdf', detected: 'pdf', declared: 'pdf', mismatch: false, pdf });
  assert.deepEqual(s.found, [
    'JavaScript',
    'a Launch action',
    'an action on opening',
    '2 embedded files',
    '1 link',
    'encrypted, not read',
  ]);
});

test('a mismatch names the claimed type; a skipped attachment says why; lists are cut', () => {
  const dangerous = Array.from({ length: 40 }, (_, i) => ({ name: `f${i}.js`, risk: 'executable' }));
  const s = summariseInspection({
    name: 'a.pdf',
    detected: 'zip',
    declared: 'pdf',
    mismatch: true,
    archive: { entries: 40, names: [], encryptedEntries: 0, dangerous, nestedArchives: 1, truncated: false },
  });
  assert.equal(s.claimed, 'pdf');
  assert.deepEqual(s.found, ['40 entries', '1 nested archive']);
  assert.equal(s.dangerous.length, MAX_SHOWN);
  const skipped = summariseInspection({
    name: 'b.bin',
    detected: 'other',
    declared: null,
    mismatch: false,
    skipped: 'too-many-bytes',
  });
  assert.deepEqual(skipped, {
    name: 'b.bin',
    detected: 'other',
    found: [],
    loads: [],
    dangerous: [],
    skipped: 'too-many-bytes',
  });
});
