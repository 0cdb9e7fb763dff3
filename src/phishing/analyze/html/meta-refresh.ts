// The target of `<meta http-equiv="refresh" content="0; url=…">`: the page a browser loads next.
// Read as browsers read it (the HTML standard's "shared declarative refresh steps", simplified): a
// delay, `;` or `,`, an optional `url=`, and the URL, quoted or not. One pass, no pattern.
import { isSpaceCode } from '../../parse/scan.js';

export function refreshTarget(content: string): string | null {
  let i = 0;
  const skip = (ok: (c: number) => boolean) => {
    while (i < content.length && ok(content.charCodeAt(i))) i++;
  };
  skip(isSpaceCode);
  skip((c) => (c >= 0x30 && c <= 0x39) || c === 0x2e);
  skip(isSpaceCode);
  if (content[i] === ';' || content[i] === ',') i++;
  skip(isSpaceCode);
  if (content.slice(i, i + 3).toLowerCase() === 'url') {
    let j = i + 3;
    while (j < content.length && isSpaceCode(content.charCodeAt(j))) j++;
    if (content[j] === '=') {
      i = j + 1;
      skip(isSpaceCode);
    }
  }
  let url = content.slice(i);
  const quote = url[0];
  if (quote === '"' || quote === "'") {
    const end = url.indexOf(quote, 1);
    url = url.slice(1, end === -1 ? undefined : end);
  }
  return url.trim() || null;
}
