// Normal forms for grouping reports into campaigns: a subject without reply/forward prefixes and
// [EXTERNAL] tags, and a fingerprint of the set of URLs (host and path; per-recipient query tokens and
// fragments dropped). The caller combines them into its key.
import { createHash } from 'node:crypto';
import { replaceEach } from '../parse/scan.js';

const PREFIX =
  /^\s*(?:(?:re|fw|fwd|aw|wg|tr|sv|vs|antw|rif|enc|doorst)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]|\[[^\]]*\]|\((?:external|extern|ext)\)|\*{0,2}(?:external|extern|caution)\*{0,2}\s*:)\s*/i;

export function normaliseSubject(subject: string): string {
  let s = replaceEach(subject.normalize('NFKC'), /\s+/g, ' ').trim();
  for (let i = 0; i < 20; i++) {
    const next = s.replace(PREFIX, '');
    if (next === s) break;
    s = next;
  }
  return s.toLowerCase();
}

/** What `path.replace(/\/+$/, '')` gave, without that pattern's retry from every `/` of a long run. */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}

export function urlSetFingerprint(urls: readonly string[]): string | null {
  const normal = new Set<string>();
  for (const u of urls) {
    try {
      const p = new URL(u);
      normal.add(`${p.hostname.toLowerCase()}${withoutTrailingSlashes(p.pathname)}`);
    } catch {
      // A URL the parser already rejected cannot be part of the set.
    }
  }
  if (normal.size === 0) return null;
  return createHash('sha256')
    .update([...normal].sort().join('\n'))
    .digest('hex');
}
