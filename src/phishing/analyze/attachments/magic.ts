// What an attachment is by its first bytes, and what its name and declared type say it is: the two are
// compared, since a .pdf that is really a zip is a disguise worth reporting on its own.

/** File kinds told apart by content; `other` is anything not recognised (text, images, unknown). */
export type FileKind =
  | 'pdf'
  | 'ole'
  | 'zip'
  | 'rtf'
  | 'html'
  | 'executable'
  | 'disk-image'
  | 'archive'
  | 'lnk'
  | 'image'
  | 'other';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const LNK = [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00];
/** PDF readers accept the header anywhere in the first kilobyte, and so do attackers. */
const PDF_HEADER_WINDOW = 1024;
const HTML_WINDOW = 1024;

function headText(b: Uint8Array, n: number): string {
  return Buffer.from(b.buffer, b.byteOffset, Math.min(n, b.length)).toString('latin1');
}

/** The kind of `bytes` by its magic numbers alone. */
export function sniffKind(bytes: Uint8Array): FileKind {
  const b = bytes;
  if (startsWith(b, OLE)) return 'ole';
  if (startsWith(b, [0x50, 0x4b]) && (b[2] === 3 || b[2] === 5 || b[2] === 7)) return 'zip';
  if (startsWith(b, ascii('{\\rt'))) return 'rtf'; // Word opens anything that starts so, not only {\rtf1
  if (startsWith(b, ascii('MZ')) || startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return 'executable';
  if (startsWith(b, LNK)) return 'lnk';
  if (startsWith(b, ascii('CD001'), 0x8001) || startsWith(b, ascii('conectix'))) return 'disk-image';
  if (
    startsWith(b, ascii('Rar!')) ||
    startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) ||
    startsWith(b, [0x1f, 0x8b]) ||
    startsWith(b, ascii('MSCF'))
  )
    return 'archive';
  if (
    startsWith(b, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(b, [0xff, 0xd8, 0xff]) ||
    startsWith(b, ascii('GIF8'))
  )
    return 'image';
  const head = headText(b, Math.max(PDF_HEADER_WINDOW, HTML_WINDOW));
  if (head.indexOf('%PDF-') !== -1) return 'pdf';
  const lower = head.toLowerCase();
  const trimmed = lower.replace(/^(\ufeff|\xef\xbb\xbf)/, '').trimStart();
  if (
    trimmed.startsWith('<') &&
    (lower.includes('<html') ||
      lower.includes('<!doctype html') ||
      lower.includes('<script') ||
      lower.includes('<svg') ||
      lower.includes('<body') ||
      lower.includes('<form') ||
      lower.includes('<meta'))
  )
    return 'html';
  return 'other';
}

const BY_EXTENSION: Record<string, FileKind> = {};
const add = (kind: FileKind, exts: string) => {
  for (const e of exts.split(' ')) BY_EXTENSION[e] = kind;
};
add('pdf', 'pdf');
add('ole', 'doc dot xls xlt xla ppt pot pps msi');
add(
  'zip',
  'zip docx docm dotx dotm xlsx xlsm xltx xltm xlam xlsb pptx pptm potx potm ppsx ppsm odt ods odp jar',
);
add('rtf', 'rtf');
add('html', 'html htm shtml xhtml svg');
add('executable', 'exe dll scr com cpl sys');
add('disk-image', 'iso img vhd vhdx');
add('archive', 'rar 7z gz tgz cab');
add('lnk', 'lnk');
add('image', 'png jpg jpeg gif');

const BY_TYPE: Record<string, FileKind> = {
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/x-zip-compressed': 'zip',
  'application/msword': 'ole',
  'application/vnd.ms-excel': 'ole',
  'application/vnd.ms-powerpoint': 'ole',
  'application/rtf': 'rtf',
  'text/rtf': 'rtf',
  'text/html': 'html',
  'image/svg+xml': 'html',
};

/** The last extension of a name, lower-cased, without the dot; '' when none. */
export function extensionOf(name: string): string {
  let end = name.length;
  while (end > 0 && (name[end - 1] === ' ' || name[end - 1] === '\t')) end--;
  const dot = name.lastIndexOf('.', end - 1);
  if (dot === -1) return '';
  const ext = name.slice(dot + 1, end).toLowerCase();
  return /^[a-z0-9]{1,10}$/.test(ext) ? ext : '';
}

/** What the name (first) or the declared Content-Type claims; null when neither says. */
export function declaredKind(name: string, contentType: string): FileKind | null {
  const byName = BY_EXTENSION[extensionOf(name)];
  if (byName) return byName;
  const type = contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  return BY_TYPE[type] ?? null;
}

/**
 * Whether the content contradicts the claim. `other` content contradicts nothing (a text file named
 * .csv); Word opening RTF, HTML and MHT saved as .doc/.xls is common enough in legitimate exports
 * that it counts too, and the caller weighs it.
 */
export function kindMismatch(declared: FileKind | null, detected: FileKind): boolean {
  return declared !== null && detected !== 'other' && declared !== detected;
}
