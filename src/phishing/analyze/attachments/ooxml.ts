// OOXML packages (.docx, .xlsm, .pptx …) and OpenDocument files: macros by part name (vbaProject.bin,
// Excel 4.0 macrosheets), embedded objects by part name, and external relationships classified by
// type: a remote template, OLE object, frame or sub-document loads without a click, a hyperlink or
// remote image does not. Part names and .rels parts are read; no other part is inflated.
import { InflateBudget } from './inflate.js';
import { addLink, emptyOfficeFindings, type OfficeFindings, type OfficeKind } from './office-findings.js';
import { readRelationships } from './rels.js';
import { readZipEntry, type ZipListing } from './zip.js';

/** Inflated bytes of one .rels part, and of all of them together. */
const MAX_RELS_BYTES = 1024 * 1024;
const MAX_RELS_TOTAL = 8 * 1024 * 1024;

/** Relationship types whose external target is fetched when the document opens. */
const LOADS_ON_OPEN = new Set([
  'oleObject',
  'frame',
  'subDocument',
  'externalLinkPath',
  'package',
  'control',
]);

function kindOf(names: readonly string[]): OfficeKind {
  const lower = names.map((n) => n.toLowerCase());
  if (lower.includes('mimetype') && lower.includes('content.xml')) return 'odf';
  if (lower.some((n) => n.startsWith('word/'))) return 'docx';
  if (lower.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (lower.some((n) => n.startsWith('ppt/'))) return 'pptx';
  return 'ooxml';
}

/** Whether a zip listing is an Office package (OOXML or OpenDocument) rather than a plain archive. */
export function isOfficePackage(listing: ZipListing): boolean {
  return listing.entries.some((e) => e.name === '[Content_Types].xml' || e.name === 'mimetype');
}

/** Inspects an Office package from its zip listing. */
export function inspectOoxml(bytes: Uint8Array, listing: ZipListing): OfficeFindings {
  const f = emptyOfficeFindings(kindOf(listing.entries.map((e) => e.name)));
  f.truncated = listing.truncated;
  const budget = new InflateBudget(MAX_RELS_TOTAL);
  // A directory may list one part's bytes under many names (the overlapping-entry bomb): read each once.
  const readAt = new Set<number>();
  const seenTargets = new Set<string>();
  for (const e of listing.entries) {
    const lower = e.name.toLowerCase();
    if (lower.endsWith('vbaproject.bin')) f.macros = true;
    if (lower.includes('/macrosheets/') || lower.startsWith('macrosheets/')) {
      f.macros = true;
      f.excel4Macros = true;
    }
    if (lower.includes('/embeddings/') || lower.includes('/activex/activex') || lower.startsWith('object')) {
      if (!lower.endsWith('.rels') && !lower.endsWith('.xml')) f.embeddedObjects++;
    }
    if (lower.startsWith('basic/') && lower.endsWith('.xml')) f.macros = true; // OpenDocument Basic macros
    if (!lower.endsWith('.rels') || readAt.has(e.localOffset)) continue;
    readAt.add(e.localOffset);
    const data = readZipEntry(bytes, e, { maxBytes: MAX_RELS_BYTES, budget });
    if (!data) {
      if (budget.exhausted || !e.encrypted) f.truncated = true;
      continue;
    }
    const { rels, truncated } = readRelationships(data.toString('utf8'));
    if (truncated) f.truncated = true;
    for (const r of rels) {
      if (!r.external || r.target === '' || seenTargets.has(`${r.type} ${r.target}`)) continue;
      seenTargets.add(`${r.type} ${r.target}`);
      if (addLink(f.externalLinks, r.target)) f.truncated = true;
      if (r.type === 'attachedTemplate' && f.externalTemplate === undefined) f.externalTemplate = r.target;
      else if (LOADS_ON_OPEN.has(r.type) && addLink(f.externalObjects, r.target)) f.truncated = true;
    }
  }
  return f;
}
