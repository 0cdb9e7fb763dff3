// Undoes the usual defanging so that reported indicators can be extracted: hxxp, [.], (.), {.},
// [dot], [:], [://], [@], (at), \. — in the forms analysts and security tools write them.
const RULES: Array<[RegExp, string]> = [
  [/\bh(?:xx|XX|\*\*|\[tt\]|tt)p(s?)(?:\[:\]|\(:\)|:)?(?:\[\/\/\]|\/\/)/g, 'http$1://'],
  [/\bh[xX]{2}p(s?)\b/g, 'http$1'],
  [/\bfxp:\/\//gi, 'ftp://'],
  [/\[:\/\/\]|\(:\/\/\)/g, '://'],
  [/\[:\]|\(:\)/g, ':'],
  [/\s?(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\})\s?/gi, '.'],
  [/\\\./g, '.'],
  [/\[\/\]/g, '/'],
  [/\s?(?:\[@\]|\(@\)|\{@\}|\[at\]|\(at\))\s?/gi, '@'],
];

export function refang(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out;
}
