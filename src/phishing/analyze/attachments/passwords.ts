// Passwords a mail gives for its own attachment ("Senha do arquivo: 123", "Password: Inv2026"): the
// word after a password keyword, in the languages phish are written in. Found with indexOf on a
// lower-cased copy, each candidate read at most MAX_PASSWORD characters, so the pass is linear.
import { asciiLower, isSpaceCode } from '../../parse/scan.js';

const KEYWORDS = [
  'password',
  'passwort',
  'senha',
  'contraseña',
  'mot de passe',
  'wachtwoord',
  'parola',
  'hasło',
  'pass',
  'pwd',
  'pw',
];
export const MAX_PASSWORD = 32;
export const MAX_CANDIDATES = 8;
/** Characters between the keyword and the password: "password of the file is: " */
const MAX_GAP = 40;

/** The candidate that starts after the first `:` (or, without one, after spaces) following `at`. */
function candidateAfter(text: string, at: number): { value: string | null; end: number } {
  const gapEnd = Math.min(text.length, at + MAX_GAP);
  let i = at;
  while (i < gapEnd && text[i] !== ':' && text[i] !== '\n') i++;
  if (text[i] !== ':') return { value: null, end: at };
  i++;
  while (i < text.length && isSpaceCode(text.charCodeAt(i)) && text[i] !== '\n') i++;
  const start = i;
  const limit = Math.min(text.length, start + MAX_PASSWORD + 1);
  while (i < limit && !isSpaceCode(text.charCodeAt(i))) i++;
  if (i === start || i - start > MAX_PASSWORD) return { value: null, end: i };
  // Trailing sentence punctuation is not part of a password.
  let end = i;
  while (end > start && (text[end - 1] === '.' || text[end - 1] === ',' || text[end - 1] === ';')) end--;
  return { value: end > start ? text.slice(start, end) : null, end: i };
}

/** Password candidates in a mail's text, first seen first, at most MAX_CANDIDATES. */
export function passwordCandidates(text: string): string[] {
  const lower = asciiLower(text);
  const out: string[] = [];
  for (const key of KEYWORDS) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(key, from);
      if (at === -1 || out.length >= MAX_CANDIDATES) break;
      const c = candidateAfter(text, at + key.length);
      if (c.value !== null && !out.includes(c.value)) out.push(c.value);
      from = Math.max(c.end, at + key.length);
    }
  }
  return out;
}
