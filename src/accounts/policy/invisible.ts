// Characters a person cannot see but a machine reads: controls, bidirectional overrides and marks,
// zero-width and joiner characters, soft hyphens, variation selectors, tag characters, filler
// letters and line separators. Names drop them; addresses and group names are refused for them,
// since `admin\u202Egpj.exe` or a zero-width space makes one text look like another.

/** Inclusive code point ranges; checked one code point at a time, so any text is one pass. */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x001f], // C0 controls
  [0x007f, 0x009f], // DEL and C1 controls
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels (invisible)
  [0x180b, 0x180f], // Mongolian selectors and vowel separator
  [0x200b, 0x200f], // zero-width space, ZWNJ, ZWJ, LRM, RLM
  [0x2028, 0x202e], // line/paragraph separators, LRE RLE PDF LRO RLO
  [0x2060, 0x206f], // word joiner, invisible operators, LRI RLI FSI PDI, deprecated format
  [0x3164, 0x3164], // Hangul filler
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // byte order mark / zero-width no-break space
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0xfff9, 0xfffb], // interlinear annotation
  [0x1d173, 0x1d17a], // musical format characters
  [0xe0000, 0xe007f], // tag characters
  [0xe0100, 0xe01ef], // variation selectors supplement
];

export function isInvisible(codePoint: number): boolean {
  if (codePoint > 0x7e && codePoint < 0xa0) return true;
  if (codePoint >= 0x20 && codePoint <= 0x7e) return false; // printable ASCII, the common case
  for (const [from, to] of RANGES) if (codePoint >= from && codePoint <= to) return true;
  return false;
}

/** Whether `text` holds any invisible character (one pass). */
export function hasInvisible(text: string): boolean {
  for (const ch of text) if (isInvisible(ch.codePointAt(0) as number)) return true;
  return false;
}
