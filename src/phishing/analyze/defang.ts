// Defanging for display (Archer text, the reporter mail): indicators stay readable but are not links.
// URLs get `hxxp(s)://` and `[.]` in the host; addresses `[@]` and `[.]`; domains and IPs `[.]`.
export function defang(value: string): string {
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/is.exec(value);
  if (url) {
    const scheme = (url[1] ?? '').toLowerCase().replace(/^http/, 'hxxp').replace(/^ftp/, 'fxp');
    return `${scheme}://${(url[2] ?? '').replace(/\./g, '[.]')}${url[3] ?? ''}`;
  }
  return value.replace(/@/g, '[@]').replace(/\./g, '[.]');
}

/**
 * Free text (a subject, a verdict reason) with every link and host-like word defanged, the rest kept:
 * mail clients and browsers turn bare host names into links too. Punctuation around a word (a sentence's
 * full stop, brackets, quotes) is set aside first, so "…from c0ntoso.com." is caught too.
 */
export function defangProse(text: string): string {
  return text.replace(/\S+/g, (word) => {
    const [, head = '', core = word, tail = ''] = /^([(<["']*)(.*?)([.,;:!?)\]>'"]*)$/s.exec(word) ?? [];
    return linkLike(core) ? head + defang(core) + tail : word;
  });
}

const linkLike = (w: string) =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(w) || /^[^\s/]*[a-z0-9-]\.[a-z]{2,63}(?=$|[/:?#),;!])/i.test(w);
