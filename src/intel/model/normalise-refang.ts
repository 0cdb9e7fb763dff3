// Refanging one value: undoing the defanging analysts apply so that an IOC in a report cannot be
// clicked (hxxp://evil[.]example, user[at]evil(.)example). One pass over the value, each position
// compared with a few tokens of bounded length, then the scheme at its start: linear in its length.
// (phishing/analyze/refang.ts refangs prose, spaces around tokens and all; this reads single values.)

/** Bracketed tokens and what they stand for; compared case-insensitively. */
const TOKENS: ReadonlyArray<readonly [string, string]> = [
  ['[://]', '://'],
  ['(://)', '://'],
  ['[dot]', '.'],
  ['(dot)', '.'],
  ['{dot}', '.'],
  ['[.]', '.'],
  ['(.)', '.'],
  ['{.}', '.'],
  ['[at]', '@'],
  ['(at)', '@'],
  ['{at}', '@'],
  ['[@]', '@'],
  ['(@)', '@'],
  ['{@}', '@'],
  ['[:]', ':'],
  ['(:)', ':'],
  ['[/]', '/'],
  ['\\.', '.'],
];

const OPENERS = new Set(['[', '(', '{', '\\']);

/** Defanged schemes (hxxp, hXXps, h**p, h[tt]p, fxp), read only at the start. */
const SCHEME = /^(?:h(?:xx|\*\*|\[tt\])p(s?)|(fxp)):\/\//i;

export function refang(value: string): string {
  const tokensDone = replaceTokens(value);
  const m = SCHEME.exec(tokensDone.slice(0, 16));
  if (!m) return tokensDone;
  const scheme = m[2] ? 'ftp' : `http${m[1] ?? ''}`;
  return `${scheme}://${tokensDone.slice(m[0].length)}`;
}

function replaceTokens(value: string): string {
  const lower = value.toLowerCase();
  // toLowerCase keeps lengths for the ASCII tokens compared here, but not for every code point
  // (İ becomes two); compare on the original then, case-sensitively, rather than misalign.
  const cmp = lower.length === value.length ? lower : value;
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    if (!OPENERS.has(value[i] as string)) continue;
    for (const [fanged, plain] of TOKENS) {
      if (cmp.startsWith(fanged, i)) {
        out += value.slice(from, i) + plain;
        i += fanged.length - 1;
        from = i + 1;
        break;
      }
    }
  }
  return from === 0 ? value : out + value.slice(from);
}
