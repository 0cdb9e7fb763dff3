// Legacy Office files in OLE2 containers (.doc, .xls, .ppt, and anything else stored so): whether they
// carry a VBA project or Excel 4.0 macro sheets, how many embedded objects, and whether they are an
// encrypted OOXML package. Names in the directory decide; only the Workbook stream is read, for XLM.
import { type Cfb, type CfbEntry, childrenOf, readCfb } from './cfb.js';
import { emptyOfficeFindings, type OfficeFindings, type OfficeKind } from './office-findings.js';
import { hasMacroSheet } from './xls-sheets.js';

/** Bytes of the Workbook stream read for sheet records; the globals come first and are small. */
const MAX_WORKBOOK_BYTES = 4 * 1024 * 1024;

function kindOf(names: Set<string>): OfficeKind {
  if (names.has('EncryptedPackage') && names.has('EncryptionInfo')) return 'encrypted-ooxml';
  if (names.has('WordDocument')) return 'doc';
  if (names.has('Workbook') || names.has('Book')) return 'xls';
  if (names.has('PowerPoint Document')) return 'ppt';
  if (names.has('__properties_version1.0')) return 'msg';
  return 'ole';
}

/** Embedded objects: ObjectPool children (Word), MBD storages (Excel, PowerPoint), or Ole10Native streams. */
function embeddedCount(cfb: Cfb): number {
  let pooled = 0;
  let native = 0;
  let poolSeen = false;
  for (const e of cfb.entries) {
    // One ObjectPool per document; walking each of a hostile file's thousands would be quadratic.
    if (e.type === 1 && e.name === 'ObjectPool' && !poolSeen) {
      poolSeen = true;
      pooled += childrenOf(cfb, e).length;
    } else if (e.type === 1 && e.name.length === 11 && e.name.startsWith('MBD')) pooled++;
    else if (e.type === 2 && e.name === '\u0001Ole10Native') native++;
  }
  return Math.max(pooled, native);
}

/** Inspects an OLE2 file; null when `bytes` is not one. */
export function inspectOle(bytes: Uint8Array): OfficeFindings | null {
  const cfb = readCfb(bytes);
  if (!cfb) return null;
  const names = new Set(cfb.entries.filter((e) => e.type !== 0).map((e) => e.name));
  const f = emptyOfficeFindings(kindOf(names));
  f.encrypted = f.kind === 'encrypted-ooxml';
  // A VBA project is a `VBA` storage with its `dir` or `_VBA_PROJECT` stream, under `Macros` (Word),
  // `_VBA_PROJECT_CUR` (Excel) or the root; a name alone could be a coincidence, the pair is not.
  f.macros =
    names.has('VBA') && (names.has('dir') || names.has('_VBA_PROJECT'))
      ? true
      : names.has('_VBA_PROJECT_CUR') || names.has('_VBA_PROJECT');
  if (f.kind === 'xls') {
    const wb = cfb.entries.find(
      (e): e is CfbEntry => e.type === 2 && (e.name === 'Workbook' || e.name === 'Book'),
    );
    const data = wb ? cfb.read(wb, MAX_WORKBOOK_BYTES) : null;
    if (data && hasMacroSheet(data)) {
      f.excel4Macros = true;
      f.macros = true;
    }
  }
  f.embeddedObjects = embeddedCount(cfb);
  f.truncated = cfb.damaged;
  return f;
}
