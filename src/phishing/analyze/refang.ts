// Undoes the usual defanging so that reported indicators can be extracted: hxxp, [.], (.), {.},
// [dot], [:], [://], [@], (at), \. — in the forms analysts and security tools write them.
// Each pattern is of bounded length wherever it starts; replacements go through functions, which V8
// runs in linear time however many matches a hostile body has (see replaceEach in parse/scan.ts).
const fixed = (to: string) => () => to;

const RULES: Array<[RegExp, (match: string, secure?: string) => string]> = [
  [/\bh(?:xx|XX|\*\*|\[tt\]|tt)p(s?)(?:\[:\]|\(:\)|:)?(?:\[\/\/\]|\/\/)/g, (_, s) => `http${s}://`],
  [/\bh[xX]{2}p(s?)\b/g, (_, s) => `http${s}`],
  [/\bfxp:\/\//gi, fixed('ftp://')],
  [/\[:\/\/\]|\(:\/\/\)/g, fixed('://')],
  [/\[:\]|\(:\)/g, fixed(':')],
  [/\s?(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\})\s?/gi, fixed('.')],
  [/\\\./g, fixed('.')],
  [/\[\/\]/g, fixed('/')],
  [/\s?(?:\[@\]|\(@\)|\{@\}|\[at\]|\(at\))\s?/gi, fixed('@')],
];

export function refang(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out;
}
