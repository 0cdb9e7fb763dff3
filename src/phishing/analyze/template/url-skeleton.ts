// The skeleton of a link: where it leads, with what varies per recipient masked. Copies of one
// campaign link to one site, often with a token per recipient in the path (/r/8f3a…/login) and always
// in the query, which is dropped. Host as its registrable domain (phish rotate subdomains), path
// segments that look like ids as `*`, a file name's extension kept (index.php is part of the kit).
import { hostOf, isIpAddress, registrableDomain } from '../domains.js';

const MAX_SEGMENTS = 6;
const MAX_SKELETONS = 20;

function maskSegment(seg: string): string {
  if (seg === '') return '';
  let digits = 0;
  let letters = 0;
  for (let i = 0; i < seg.length; i++) {
    const c = seg.charCodeAt(i) | 0x20;
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c >= 0x61 && c <= 0x7a) letters++;
  }
  const dot = seg.lastIndexOf('.');
  const ext = dot > 0 && seg.length - dot <= 5 ? seg.slice(dot).toLowerCase() : '';
  // An id: long, or letters mixed with digits (tokens, base64, hex), or a number.
  if (seg.length > 24 || (digits > 0 && (letters > 0 || digits === seg.length) && seg.length >= 4))
    return `*${ext}`;
  if (digits > 0) return '#';
  return seg.toLowerCase();
}

/** The skeleton of one http(s) link, or null for anything else. */
export function urlSkeleton(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  const host = hostOf(url);
  if (!host) return null;
  const site = isIpAddress(host) ? '<ip>' : (registrableDomain(host) ?? host);
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .slice(0, MAX_SEGMENTS)
    .map(maskSegment);
  return [site, ...segments].join('/');
}

/** The sorted skeletons of a message's links, without repeats, at most MAX_SKELETONS. */
export function urlSkeletons(urls: readonly string[]): string[] {
  const out = new Set<string>();
  for (const u of urls) {
    const s = urlSkeleton(u);
    if (s) out.add(s);
  }
  return [...out].sort().slice(0, MAX_SKELETONS);
}
