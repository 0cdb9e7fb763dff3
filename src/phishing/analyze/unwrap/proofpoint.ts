// Proofpoint URL Defense links (urldefense.com, urldefense.proofpoint.com, urldefense.us), in the three
// formats Proofpoint's own offline decoder reads:
//   v1  /v1/url?u=<percent-encoded URL>&k=…
//   v2  /v2/url?u=<URL with % written as - and / as _>&d=…
//   v3  /v3/__<URL with some characters replaced by *>__;<base64url of those characters>!!<signature>
// In v3 a `**` followed by one character of A–Z a–z 0–9 - _ stands for a run of 2, 3, … 65 replaced
// characters taken in turn from the decoded base64 text.
import { afterOrigin, paramTarget, percentDecode, rawParam } from './decode.js';

const RUN_CODES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const V3_START = '/v3/__';

/** `https:/host` → `https://host`: v3 links collapse the double slash of some targets. */
function restoreDoubleSlash(url: string): string {
  const colon = url.indexOf(':');
  if (colon < 0 || url[colon + 1] !== '/' || url[colon + 2] === '/') return url;
  return `${url.slice(0, colon + 1)}/${url.slice(colon + 1)}`;
}

function decodeV3(rest: string): string | null {
  const end = rest.indexOf('__;', V3_START.length);
  if (end < 0) return null;
  const embedded = rest.slice(V3_START.length, end);
  const bang = rest.indexOf('!', end + 3);
  const encoded = rest.slice(end + 3, bang < 0 ? rest.length : bang);
  // Code points, not UTF-16 units: Proofpoint counts characters of the decoded text.
  const replaced = Array.from(Buffer.from(encoded, 'base64url').toString('utf8'));
  const out: string[] = [];
  let next = 0;
  for (let i = 0; i < embedded.length; i++) {
    const c = embedded[i] as string;
    if (c !== '*') {
      out.push(c);
      continue;
    }
    let count = 1;
    if (embedded[i + 1] === '*' && i + 2 < embedded.length) {
      const code = RUN_CODES.indexOf(embedded[i + 2] as string);
      if (code < 0) return null;
      count = code + 2;
      i += 2;
    }
    // More placeholders than characters: a damaged or forged link, not a target to guess at.
    if (next + count > replaced.length) return null;
    for (let k = 0; k < count; k++) out.push(replaced[next++] as string);
  }
  return restoreDoubleSlash(out.join(''));
}

/** The target as written in the link, or null when the link is not one of the three formats. */
export function proofpointTarget(u: URL): string | null {
  const path = u.pathname;
  if (path === '/v1/url') return paramTarget(u, 'u');
  if (path === '/v2/url') {
    const raw = rawParam(u.search, 'u');
    return raw === null ? null : percentDecode(raw.replaceAll('-', '%').replaceAll('_', '/'));
  }
  const rest = afterOrigin(u);
  return rest.startsWith(V3_START) ? decodeV3(rest) : null;
}
