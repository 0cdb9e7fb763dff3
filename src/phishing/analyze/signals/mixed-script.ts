// Look-alike letters: a word that mixes Latin letters with Cyrillic or Greek ones ("Micrоsoft" with a
// Cyrillic о) reads as one word to a person and as another to a filter. Honest text in those scripts
// writes whole words in them; mixing inside one word is the trick.

type Script = 'latin' | 'cyrillic' | 'greek' | null;

function scriptOf(ch: string): Script {
  const c = ch.codePointAt(0) ?? 0;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) return 'latin';
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
  if (c >= 0x370 && c <= 0x3ff) return 'greek';
  return null;
}

const isWordChar = (ch: string) => /[\p{L}\p{N}]/u.test(ch);

/** Longest word quoted back in a reason. */
const QUOTED = 60;

/** The first word of `text` that mixes Latin with Cyrillic or Greek letters (cut to 60), or null. One pass. */
export function mixedScriptWord(text: string): string | null {
  let word = '';
  let latin = false;
  let other = false;
  const done = () => (latin && other ? word.slice(0, QUOTED) : null);
  for (const ch of text) {
    if (isWordChar(ch)) {
      word += ch;
      const s = scriptOf(ch);
      if (s === 'latin') latin = true;
      else if (s) other = true;
      continue;
    }
    const found = done();
    if (found) return found;
    word = '';
    latin = false;
    other = false;
  }
  return done();
}
