// Names for generated domains and files: a bijective syllable spelling of an index, so every index
// below 2^20 gets its own word (values stay unique across a 1,000,000-observable corpus), in Latin
// letters or in Cyrillic for internationalised domain names.

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';
const SYLLABLES = [...CONSONANTS].flatMap((c) => [...VOWELS].map((v) => c + v));

// One Cyrillic letter per Latin one, enough to spell every syllable above.
const CYRILLIC: Record<string, string> = {
  b: 'б',
  d: 'д',
  f: 'ф',
  g: 'г',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  p: 'п',
  r: 'р',
  s: 'с',
  t: 'т',
  v: 'в',
  z: 'з',
  a: 'а',
  e: 'е',
  i: 'и',
  o: 'о',
  u: 'у',
};

/** The word for `n` (bijective base-70 numeration in syllables; 0 is "ba"). */
export function word(n: number): string {
  let rest = n + 1;
  let out = '';
  while (rest > 0) {
    rest -= 1;
    out = SYLLABLES[rest % SYLLABLES.length] + out;
    rest = Math.floor(rest / SYLLABLES.length);
  }
  return out;
}

/** The same word in Cyrillic letters, for IDN values. */
export function cyrillicWord(n: number): string {
  return [...word(n)].map((ch) => CYRILLIC[ch] ?? ch).join('');
}
