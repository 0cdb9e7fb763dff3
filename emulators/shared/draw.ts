// Integer hashing for generated corpora (TruSTAR observables, TAXII objects): every property of item i
// comes from hash(seed, i, salt), so any page is computed on demand, the same on every run, and
// nothing is stored.

/** A 32-bit avalanche of three integers (the finaliser of MurmurHash3 applied to a mix of them). */
export function hash32(seed: number, index: number, salt: number): number {
  let h = (seed ^ Math.imul(index, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A deterministic stream of numbers for one generated item; each call to next() uses the next salt. */
export class Draw {
  #salt = 0;
  constructor(
    private readonly seed: number,
    private readonly index: number,
  ) {}

  /** A 32-bit unsigned integer. */
  next(): number {
    return hash32(this.seed, this.index, this.#salt++);
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return this.next() % n;
  }

  /** True with probability `share`. */
  chance(share: number): boolean {
    return this.next() / 0x1_0000_0000 < share;
  }

  pick<T>(list: readonly T[]): T {
    return list[this.below(list.length)] as T;
  }

  /** `bytes` bytes as lower-case hex. */
  hex(bytes: number): string {
    let out = '';
    while (out.length < bytes * 2) out += this.next().toString(16).padStart(8, '0');
    return out.slice(0, bytes * 2);
  }
}
