// Body similarity for the bench's template ground truth: exact Jaccard of two shingle sets, MinHash
// signatures, and the clustering of mails into templates (Jaccard >= threshold, joined transitively).
// Why MinHash with LSH rather than every pair: 1,581 phish are 1.25 million pairs of sets of hundreds
// of shingles; banding the signatures finds the candidate pairs in one pass, and each candidate is then
// checked with the exact Jaccard, so no pair below the threshold is ever joined. With 40 bands of 3
// rows a pair at 0.6 becomes a candidate with probability 1 - (1 - 0.6^3)^40 > 0.9999.
import { mix32 } from './mail-dev-shingles.js';

/** Bodies at least this similar are one template (issue 12's definition). */
export const TEMPLATE_JACCARD = 0.6;
export const BANDS = 40;
export const ROWS = 3;
const HASHES = BANDS * ROWS;
/** One seed per hash function, fixed, so a run repeats exactly. */
const SEEDS = Array.from({ length: HASHES }, (_, i) => mix32(0x5bd1e995 + i * 0x9e3779b9));

/** Exact Jaccard similarity of two sorted sets without repeats; two empty sets are identical (1). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}

/** For each hash function, the least hash of the set's members; all ones for the empty set. */
export function minHash(set: Uint32Array): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const x of set) {
    for (let k = 0; k < HASHES; k++) {
      const h = mix32(x ^ (SEEDS[k] as number));
      if (h < (sig[k] as number)) sig[k] = h;
    }
  }
  return sig;
}

/** The share of equal positions: an estimate of the Jaccard similarity. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

/** Union-find over 0…n-1, with path halving. */
export class Groups {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let x = i;
    while (this.parent[x] !== x) {
      const up = this.parent[this.parent[x] as number] as number;
      this.parent[x] = up;
      x = up;
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  /** The members of each group, by index of its first member. */
  members(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const r = this.find(i);
      const list = byRoot.get(r);
      if (list) list.push(i);
      else byRoot.set(r, [i]);
    }
    return [...byRoot.values()];
  }
}

/**
 * Templates: mails joined when their shingle sets have Jaccard >= `threshold`, transitively. A mail
 * without any words joins no template. `sigs` are the sets' minHash signatures. Returns each mail's
 * template as the index of its first member.
 */
export function templates(
  sets: readonly Uint32Array[],
  sigs: readonly Uint32Array[] = sets.map(minHash),
  threshold = TEMPLATE_JACCARD,
): number[] {
  const groups = new Groups(sets.length);
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    for (const [i, sig] of sigs.entries()) {
      if ((sets[i] as Uint32Array).length === 0) continue;
      const key = sig.subarray(band * ROWS, band * ROWS + ROWS).join(',');
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
    for (const list of buckets.values()) {
      // Members already in one template need no check: a bucket of identical copies costs one pass.
      for (let x = 1; x < list.length; x++) {
        const a = list[x] as number;
        for (let y = 0; y < x; y++) {
          const b = list[y] as number;
          if (groups.find(a) === groups.find(b)) continue;
          if (jaccard(sets[a] as Uint32Array, sets[b] as Uint32Array) >= threshold) groups.union(a, b);
        }
      }
    }
  }
  return sets.map((_, i) => groups.find(i));
}
