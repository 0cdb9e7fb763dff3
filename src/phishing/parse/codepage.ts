// Windows code page numbers (as .msg files store them) to WHATWG encoding labels TextDecoder knows.
const LABELS: Record<number, string> = {
  65001: 'utf-8',
  1200: 'utf-16le',
  20127: 'windows-1252',
  28591: 'iso-8859-1',
  1250: 'windows-1250',
  1251: 'windows-1251',
  1252: 'windows-1252',
  1253: 'windows-1253',
  1254: 'windows-1254',
  1255: 'windows-1255',
  1256: 'windows-1256',
  1257: 'windows-1257',
  1258: 'windows-1258',
  874: 'windows-874',
  932: 'shift_jis',
  50220: 'iso-2022-jp',
  50221: 'iso-2022-jp',
  51932: 'euc-jp',
  936: 'gbk',
  54936: 'gb18030',
  949: 'euc-kr',
  950: 'big5',
  20866: 'koi8-r',
  28595: 'iso-8859-5',
};

/** Decodes bytes in a code page; unknown pages fall back to UTF-8, never throw. */
export function decodeCodepage(bytes: Uint8Array, codepage: number | undefined): string {
  const label = (codepage !== undefined && LABELS[codepage]) || 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    // The runtime may lack a legacy decoder (small-ICU builds); UTF-8 with replacement keeps the text visible.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * The ANSI code page (iconv-lite name) a non-Unicode .msg stores its strings in, guessed from its
 * internet code page: Outlook on a Japanese system writes ISO-2022-JP mail but CP932 properties.
 * Null when the default (windows-1252) is right.
 */
export function ansiEncodingFor(internetCodepage: number | undefined): string | null {
  if (internetCodepage === undefined) return null;
  if ([50220, 50221, 50222, 51932, 932].includes(internetCodepage)) return 'cp932';
  if ([936, 54936, 52936].includes(internetCodepage)) return 'gbk';
  if ([949, 51949].includes(internetCodepage)) return 'cp949';
  if (internetCodepage === 950) return 'big5';
  if (internetCodepage >= 1250 && internetCodepage <= 1258 && internetCodepage !== 1252)
    return `windows${internetCodepage}`;
  if (internetCodepage === 20866) return 'koi8-r';
  return null;
}
