// What the look inside attachments found, in the few facts an analyst reads in the incident. Kept with
// the analysis (the stored record), unlike the full findings, which hold up to a thousand links and a
// hundred entry names per attachment and stay in the worker; their links are the URL indicators anyway.
import type { AttachmentFindings } from './attachments/index.js';

export interface InspectionSummary {
  name: string;
  /** What the content is: the Office kind (`docx`, `xls` …) when it is a document, else its magic's kind. */
  detected: string;
  /** What its name or Content-Type claims, only when the content is something else. */
  claimed?: string;
  /** What the content holds, in fixed phrases of ours (no text from the message): `a Launch action`, `12 entries`. */
  found: string[];
  /** What the document fetches when opened: its remote template, then remote objects; the first few. */
  loads: string[];
  /** Archive entries of a dangerous type and the risk; the first few. */
  dangerous: { name: string; risk: string }[];
  /** Why its content was not looked into: past the message's count or byte limit. */
  skipped?: string;
}

/** Entries of `loads` and `dangerous` kept per attachment: the first ones make the point. */
export const MAX_SHOWN = 5;
const MAX_TEXT = 300;

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const short = (s: string) => s.slice(0, MAX_TEXT);

function found(f: AttachmentFindings): string[] {
  const out: string[] = [];
  const { office, pdf, archive } = f;
  if (office) {
    if (office.macros) out.push(office.excel4Macros ? 'Excel 4.0 macro sheets' : 'a macro (VBA project)');
    if (office.embeddedObjects > 0) out.push(count(office.embeddedObjects, 'embedded object'));
    if (office.externalLinks.length > 0) out.push(count(office.externalLinks.length, 'external link'));
    if (office.encrypted) out.push('password-encrypted, not read');
    if (office.truncated) out.push('cut short, more may be inside');
  }
  if (pdf) {
    if (pdf.javascript) out.push('JavaScript');
    if (pdf.launch) out.push('a Launch action');
    if (pdf.openAction) out.push('an action on opening');
    if (pdf.additionalActions) out.push('additional actions');
    if (pdf.embeddedFiles > 0) out.push(count(pdf.embeddedFiles, 'embedded file'));
    if (pdf.urls.length > 0) out.push(count(pdf.urls.length, 'link'));
    if (pdf.encrypted)
      out.push(pdf.decrypted ? 'encrypted, opened with a known password' : 'encrypted, not read');
    if (pdf.truncated) out.push('cut short, more may be inside');
  }
  if (archive) {
    out.push(count(archive.entries, 'entry', 'entries'));
    if (archive.encryptedEntries > 0)
      out.push(count(archive.encryptedEntries, 'password-protected entry', 'password-protected entries'));
    if (archive.nestedArchives > 0) out.push(count(archive.nestedArchives, 'nested archive'));
    if (archive.truncated) out.push('listing cut short');
  }
  return out;
}

export function summariseInspection(f: AttachmentFindings): InspectionSummary {
  const office = f.office;
  const loads = office
    ? [...(office.externalTemplate ? [office.externalTemplate] : []), ...office.externalObjects]
    : [];
  return {
    name: short(f.name),
    detected: office?.kind ?? f.detected,
    ...(f.mismatch && f.declared ? { claimed: f.declared } : {}),
    found: found(f),
    loads: [...new Set(loads)].slice(0, MAX_SHOWN).map(short),
    dangerous: (f.archive?.dangerous ?? [])
      .slice(0, MAX_SHOWN)
      .map((d) => ({ name: short(d.name), risk: d.risk })),
    ...(f.skipped ? { skipped: f.skipped } : {}),
  };
}
