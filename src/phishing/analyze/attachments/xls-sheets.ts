// Excel 4.0 macro sheets in a BIFF8 Workbook stream ([MS-XLS] 2.4.28 BoundSheet8): each sheet's record
// names its type, and type 1 is a macro sheet. One pass over the records, stopping at the first EOF
// record of the globals substream, which holds every BoundSheet8.

const BOUNDSHEET = 0x0085;
const EOF_RECORD = 0x000a;
const MACRO_SHEET = 0x01;

/** Whether the workbook declares an Excel 4.0 macro sheet. */
export function hasMacroSheet(workbook: Buffer): boolean {
  let p = 0;
  while (p + 4 <= workbook.length) {
    const type = workbook.readUInt16LE(p);
    const len = workbook.readUInt16LE(p + 2);
    if (type === EOF_RECORD) return false;
    if (type === BOUNDSHEET && p + 4 + 6 <= workbook.length && workbook[p + 4 + 5] === MACRO_SHEET)
      return true;
    p += 4 + len;
  }
  return false;
}
