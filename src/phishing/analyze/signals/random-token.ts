// A token of random letters and digits in a subject ("Atenção - fg46qFdZiRVH3jI"): kits append one per
// copy so that copies do not look alike to filters that compare subjects. Ticket numbers and order ids
// are digits, capitals or hex; a token that switches between lower and upper case again and again and
// carries digits is what a random generator writes.

const MIN_LENGTH = 10;
const MIN_CASE_SWITCHES = 2;
const MIN_DIGIT_GROUPS = 2;

const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

function looksRandom(t: string): boolean {
  if (t.length < MIN_LENGTH) return false;
  let lower = 0;
  let upper = 0;
  let switches = 0;
  let digitGroups = 0;
  let lastCase = 0; // 1 lower, 2 upper
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const now = isLower(c) ? 1 : isUpper(c) ? 2 : 0;
    if (now === 1) lower++;
    else if (now === 2) upper++;
    else if (i === 0 || !isDigit(t.charCodeAt(i - 1))) digitGroups++;
    if (now !== 0) {
      if (lastCase !== 0 && now !== lastCase) switches++;
      lastCase = now;
    }
  }
  return lower > 0 && upper > 0 && digitGroups >= MIN_DIGIT_GROUPS && switches >= MIN_CASE_SWITCHES;
}

/** The first random-looking token of ASCII letters and digits in `text` (at most 1,000 characters read). */
export function randomToken(text: string): string | null {
  const s = text.slice(0, 1000);
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0x20;
    if (isLower(c) || isUpper(c) || isDigit(c)) continue;
    // A token ends at anything else; one glued to other word characters (é, _) is not a whole token.
    const whole = c !== 0x5f && !(c > 0x7f && /\p{L}/u.test(s[i] as string));
    const before = start > 0 ? s.charCodeAt(start - 1) : 0x20;
    const wholeBefore = before !== 0x5f && !(before > 0x7f && /\p{L}/u.test(s[start - 1] as string));
    if (whole && wholeBefore && looksRandom(s.slice(start, i))) return s.slice(start, i);
    start = i + 1;
  }
  return null;
}
