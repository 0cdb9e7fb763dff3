// Defanging for display (Archer text, the reporter mail): indicators stay readable but are not links.
// URLs get `hxxp(s)://` and `[.]` in the host; addresses `[@]` and `[.]`; domains and IPs `[.]`.
import { replaceEach } from '../parse/scan.js';

export function defang(value: string): string {
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/is.exec(value);
  if (url) {
    const scheme = (url[1] ?? '').toLowerCase().replace(/^http/, 'hxxp').replace(/^ftp/, 'fxp');
    return `${scheme}://${replaceEach(url[2] ?? '', /\./g, '[.]')}${url[3] ?? ''}`;
  }
  return replaceEach(replaceEach(value, /@/g, '[@]'), /\./g, '[.]');
}

const OPENING = '(<["\'';
const CLOSING = '.,;:!?)]>\'"';

/**
 * Free text (a subject, a verdict reason) with every link and host-like word defanged, the rest kept:
 * mail clients and browsers turn bare host names into links too. Punctuation around a word (a sentence's
 * full stop, brackets, quotes) is set aside first, so "…from c0ntoso.com." is caught too.
 */
export function defangProse(text: string): string {
  return text.replace(/\S+/g, (word) => {
    // What /^([(<["']*)(.*?)([.,;:!?)\]>'"]*)$/s split a word into, in one pass: its lazy middle
    // retried the closing run from every position, quadratic on a word of dots.
    let head = 0;
    while (head < word.length && OPENING.includes(word.charAt(head))) head++;
    let tail = word.length;
    while (tail > head && CLOSING.includes(word.charAt(tail - 1))) tail--;
    const core = word.slice(head, tail);
    return linkLike(core) ? word.slice(0, head) + defang(core) + word.slice(tail) : word;
  });
}

const linkLike = (w: string) =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(w) || /^[^\s/]*[a-z0-9-]\.[a-z]{2,63}(?=$|[/:?#),;!])/i.test(w);
