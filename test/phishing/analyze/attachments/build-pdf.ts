// Minimal PDFs written by hand for the tests: numbered objects, optional FlateDecode streams and object
// streams, a cross-reference table good enough for readers (the scanner does not need it).
import { deflateSync } from 'node:zlib';

export type PdfObject = string | { dict: string; data: string | Buffer; deflate?: boolean };

/** A PDF whose object n+1 is `objects[n]`, with `trailer` added to the trailer dictionary. */
export function buildPdf(objects: readonly PdfObject[], trailer = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let size = parts[0]!.length;
  const add = (b: Buffer) => {
    parts.push(b);
    size += b.length;
  };
  objects.forEach((o, k) => {
    offsets.push(size);
    if (typeof o === 'string') {
      add(Buffer.from(`${k + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
      return;
    }
    const raw = typeof o.data === 'string' ? Buffer.from(o.data, 'latin1') : o.data;
    const data = o.deflate === false ? raw : deflateSync(raw);
    const filter = o.deflate === false ? '' : ' /Filter /FlateDecode';
    add(Buffer.from(`${k + 1} 0 obj\n<< ${o.dict}${filter} /Length ${data.length} >>\nstream\n`, 'latin1'));
    add(data);
    add(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  });
  const xref = size;
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  add(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

/** An object stream holding `objects` (numbered from `firstNumber`), for `{ dict, data }` use. */
export function objectStream(
  objects: readonly string[],
  firstNumber: number,
): { dict: string; data: string } {
  let body = '';
  const header: string[] = [];
  objects.forEach((o, k) => {
    header.push(`${firstNumber + k} ${body.length}`);
    body += `${o}\n`;
  });
  const head = `${header.join(' ')}\n`;
  return { dict: `/Type /ObjStm /N ${objects.length} /First ${head.length}`, data: head + body };
}

/** The usual catalogue, pages and one page with the given annotation references. */
export const catalogue = (extra = '') => `<< /Type /Catalog /Pages 2 0 R ${extra}>>`;
export const pages = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
export const page = (annots: string) =>
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [${annots}] >>`;
export const linkAnnot = (action: string) =>
  `<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A ${action} >>`;
