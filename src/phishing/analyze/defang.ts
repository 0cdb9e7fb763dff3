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
