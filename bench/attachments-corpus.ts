// Measures attachment inspection on the development corpus (../shared/corpus/MAIL-DEV.md), unpacked
// outside the repository: how many phish and ham carry PDF, Office, RTF, HTML or zip attachments, how
// many PDFs yield links, how many Office files have macros or external references, and the time per
// MB. Prints counts only (never a mail's content). Does nothing without the corpus.
// Run: node --import tsx bench/attachments-corpus.ts [/tmp/mail-dev]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AttachmentFindings, inspectAttachments } from '../src/phishing/analyze/attachments/index.js';
import { parseReport } from '../src/phishing/parse/index.js';

const root = process.argv[2] ?? process.env.MAIL_DEV ?? '/tmp/mail-dev';
if (!existsSync(join(root, 'phish'))) {
  console.log(JSON.stringify({ skipped: `no corpus at ${root}` }));
  process.exit(0);
}

interface Tally {
  mails: number;
  withAttachments: number;
  mailsWith: Record<string, number>;
  attachments: Record<string, number>;
  pdfWithUrls: number;
  pdfUrls: number;
  pdfJavascript: number;
  pdfEncrypted: number;
  pdfDecrypted: number;
  pdfOpenAction: number;
  pdfLaunch: number;
  pdfEmbedded: number;
  officeMacros: number;
  officeExcel4: number;
  officeExternalTemplate: number;
  officeExternalObjects: number;
  officeExternalLinks: number;
  officeEmbedded: number;
  officeEncrypted: number;
  archiveDangerous: number;
  archiveEncrypted: number;
  mismatch: number;
  truncated: number;
  bytes: number;
  ms: number;
  worstMsPerMb: number;
}

const tally = (): Tally => ({
  mails: 0,
  withAttachments: 0,
  mailsWith: {},
  attachments: {},
  pdfWithUrls: 0,
  pdfUrls: 0,
  pdfJavascript: 0,
  pdfEncrypted: 0,
  pdfDecrypted: 0,
  pdfOpenAction: 0,
  pdfLaunch: 0,
  pdfEmbedded: 0,
  officeMacros: 0,
  officeExcel4: 0,
  officeExternalTemplate: 0,
  officeExternalObjects: 0,
  officeExternalLinks: 0,
  officeEmbedded: 0,
  officeEncrypted: 0,
  archiveDangerous: 0,
  archiveEncrypted: 0,
  mismatch: 0,
  truncated: 0,
  bytes: 0,
  ms: 0,
  worstMsPerMb: 0,
});

const bump = (r: Record<string, number>, k: string) => {
  r[k] = (r[k] ?? 0) + 1;
};

function label(f: AttachmentFindings): string {
  if (f.office) return f.office.kind === 'rtf' ? 'rtf' : `office-${f.office.kind}`;
  if (f.archive) return 'zip';
  return f.detected;
}

function count(t: Tally, findings: AttachmentFindings[]): void {
  const kinds = new Set<string>();
  for (const f of findings) {
    const l = label(f);
    kinds.add(l.startsWith('office-') ? 'office' : l);
    bump(t.attachments, l);
    if (f.mismatch) t.mismatch++;
    if (f.pdf) {
      if (f.pdf.urls.length > 0) t.pdfWithUrls++;
      t.pdfUrls += f.pdf.urls.length;
      if (f.pdf.javascript) t.pdfJavascript++;
      if (f.pdf.encrypted) t.pdfEncrypted++;
      if (f.pdf.decrypted) t.pdfDecrypted++;
      if (f.pdf.openAction) t.pdfOpenAction++;
      if (f.pdf.launch) t.pdfLaunch++;
      if (f.pdf.embeddedFiles > 0) t.pdfEmbedded++;
      if (f.pdf.truncated) t.truncated++;
    }
    if (f.office) {
      if (f.office.macros) t.officeMacros++;
      if (f.office.excel4Macros) t.officeExcel4++;
      if (f.office.externalTemplate) t.officeExternalTemplate++;
      if (f.office.externalObjects.length > 0) t.officeExternalObjects++;
      if (f.office.externalLinks.length > 0) t.officeExternalLinks++;
      if (f.office.embeddedObjects > 0) t.officeEmbedded++;
      if (f.office.encrypted) t.officeEncrypted++;
      if (f.office.truncated) t.truncated++;
    }
    if (f.archive) {
      if (f.archive.dangerous.length > 0) t.archiveDangerous++;
      if (f.archive.encryptedEntries > 0) t.archiveEncrypted++;
      if (f.archive.truncated) t.truncated++;
    }
  }
  for (const k of kinds) if (k !== 'other' && k !== 'image') bump(t.mailsWith, k);
}

async function measure(dir: string, t: Tally): Promise<void> {
  for (const name of readdirSync(dir)) {
    const raw = new Uint8Array(readFileSync(join(dir, name)));
    const parsed = await parseReport(raw, [], { reportMail: false });
    t.mails++;
    if ('unparseable' in parsed) continue;
    const atts = parsed.original.attachments;
    if (atts.length === 0) continue;
    t.withAttachments++;
    const bytes = atts.reduce((s, a) => s + a.bytes.byteLength, 0);
    const start = performance.now();
    const mailText = `${parsed.original.subject}\n${parsed.original.text}`;
    const findings = inspectAttachments(atts, { mailText });
    const ms = performance.now() - start;
    t.bytes += bytes;
    t.ms += ms;
    if (bytes > 100_000) t.worstMsPerMb = Math.max(t.worstMsPerMb, ms / (bytes / 1e6));
    count(t, findings);
  }
}

const phish = tally();
await measure(join(root, 'phish'), phish);
const ham = tally();
for (const source of readdirSync(join(root, 'ham'))) await measure(join(root, 'ham', source), ham);
const summary = (t: Tally) => ({
  ...t,
  msPerMb: Number((t.ms / Math.max(1e-9, t.bytes / 1e6)).toFixed(2)),
  ms: Number(t.ms.toFixed(0)),
  worstMsPerMb: Number(t.worstMsPerMb.toFixed(1)),
});
console.log(JSON.stringify({ phish: summary(phish), ham: summary(ham) }, null, 1));
