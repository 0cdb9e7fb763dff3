// URLs that PDF JavaScript opens with a literal argument: `app.launchURL("…")`, `this.getURL('…')`,
// `this.submitForm("…")`. A computed argument is left alone: evaluating script is not this module's job.

const CALLS = ['launchURL(', 'getURL(', 'submitForm(', 'openDoc('];
/** Longest literal read; a longer one is not a URL worth keeping. */
const MAX_LITERAL = 4096;

/** The string literal at `at` (after spaces), or null, and where reading stopped. */
function literalAt(code: string, at: number): { value: string | null; end: number } {
  let i = at;
  while (i < code.length && (code[i] === ' ' || code[i] === '\t' || code[i] === '\n' || code[i] === '\r'))
    i++;
  const q = code[i];
  if (q !== '"' && q !== "'") return { value: null, end: i };
  const limit = Math.min(code.length, i + 1 + MAX_LITERAL);
  for (let j = i + 1; j < limit; j++) {
    if (code[j] === q) return { value: code.slice(i + 1, j), end: j + 1 };
    if (code[j] === '\\' || code[j] === '\n') return { value: null, end: j };
  }
  return { value: null, end: limit };
}

/** Literal URLs passed to the calls above, in order of appearance. */
export function javascriptUrls(code: string): string[] {
  const urls: string[] = [];
  for (const call of CALLS) {
    let from = 0;
    for (;;) {
      const at = code.indexOf(call, from);
      if (at === -1) break;
      const lit = literalAt(code, at + call.length);
      if (lit.value) urls.push(lit.value);
      from = Math.max(lit.end, at + call.length);
    }
  }
  return urls;
}
