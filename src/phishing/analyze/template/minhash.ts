// MinHash of a body's word-3-shingles: a fixed-size sketch whose share of equal positions estimates the
// Jaccard similarity of two bodies' shingle sets, so a report is compared with a campaign's earlier
// reports without keeping their text. 20 bands of 3 rows: two bodies 0.6 similar share a band with
// probability 1 - (1 - 0.6³)²⁰ ≈ 0.99, at 0.3 about 0.42, at 0.1 about 0.02; sharing a band only makes
// a campaign a candidate, the estimate then decides.

export const SHINGLE = 3;
export const BANDS = 20;
export const ROWS = 3;
export const HASHES = BANDS * ROWS;

/** The finaliser of MurmurHash3: spreads a combined value over all 32 bits. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a over the UTF-16 code units, 32 bits. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Fixed seeds, so a signature means the same in every process and after every release. */
const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => mix32(0x2545f491 + Math.imul(i, 0x9e3779b9)));

/** The signature of a word sequence; a sequence shorter than a shingle is one shingle. */
export function minHash(words: readonly string[]): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  if (words.length === 0) return sig;
  const hashes = words.map(hashString);
  const n = Math.max(1, words.length - SHINGLE + 1);
  for (let i = 0; i < n; i++) {
    let s = 0x3c6ef372;
    for (let k = i; k < Math.min(i + SHINGLE, hashes.length); k++)
      s = mix32(Math.imul(s, 31) + (hashes[k] as number));
    for (let k = 0; k < HASHES; k++) {
      const h = mix32(s ^ (SEEDS[k] as number));
      if (h < (sig[k] as number)) sig[k] = h;
    }
  }
  return sig;
}

/** The share of equal positions of two signatures. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

/** One key per band: signatures that share a key are candidates for one template. */
export function bandKeys(sig: Uint32Array): string[] {
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    const rows = sig.subarray(b * ROWS, b * ROWS + ROWS);
    out.push(`${b}:${[...rows].map((v) => v.toString(36)).join('.')}`);
  }
  return out;
}

/** Signatures travel as base64 (a worker's result, a database row): 240 bytes, little-endian. */
export function encodeSignature(sig: Uint32Array): string {
  const bytes = new Uint8Array(HASHES * 4);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < HASHES; k++) view.setUint32(k * 4, sig[k] as number, true);
  return Buffer.from(bytes).toString('base64');
}

/** The signature of `encodeSignature`'s text; null when the text is not one (a row from another release). */
export function decodeSignature(text: string): Uint32Array | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== HASHES * 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return Uint32Array.from({ length: HASHES }, (_, k) => view.getUint32(k * 4, true));
}
