// Which eligible indicators fit a sink that holds a bounded number (Defender: 15,000 per tenant):
// the best `capacity` by score, then by last sighting, then by key so the choice is deterministic and
// a re-run picks the same set. A heap of `capacity` entries keeps memory bounded however large the
// source.

export interface Ranked {
  score: number;
  lastSeenMs: number;
  key: string;
}

/** Negative when `a` ranks below `b` (is left out first). */
export function compareRank(a: Ranked, b: Ranked): number {
  if (a.score !== b.score) return a.score - b.score;
  if (a.lastSeenMs !== b.lastSeenMs) return a.lastSeenMs - b.lastSeenMs;
  // The smaller key ranks higher, so among equals the order is the scan's.
  return a.key < b.key ? 1 : a.key > b.key ? -1 : 0;
}

/** The best `capacity` of what is offered; `cutoff()` is the lowest kept, or undefined while not full. */
export class TopK {
  readonly #heap: Ranked[] = [];
  #offered = 0;
  constructor(readonly capacity: number) {}

  offer(r: Ranked): void {
    this.#offered++;
    if (this.capacity <= 0) return;
    const h = this.#heap;
    if (h.length < this.capacity) {
      h.push(r);
      this.#up(h.length - 1);
    } else if (compareRank(r, h[0] as Ranked) > 0) {
      h[0] = r;
      this.#down(0);
    }
  }

  /** The keys kept, in no order. */
  keys(): string[] {
    return this.#heap.map((r) => r.key);
  }

  /** How many were offered in all. */
  get offered(): number {
    return this.#offered;
  }

  /** Whether `r` (offered earlier) is among the kept: it ranks at or above the cut-off. */
  keeps(r: Ranked): boolean {
    if (this.capacity <= 0) return false;
    if (this.#heap.length < this.capacity) return true;
    return compareRank(r, this.#heap[0] as Ranked) >= 0;
  }

  #up(i: number): void {
    const h = this.#heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (compareRank(h[i] as Ranked, h[p] as Ranked) >= 0) return;
      [h[i], h[p]] = [h[p] as Ranked, h[i] as Ranked];
      i = p;
    }
  }

  #down(i: number): void {
    const h = this.#heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && compareRank(h[l] as Ranked, h[m] as Ranked) < 0) m = l;
      if (r < h.length && compareRank(h[r] as Ranked, h[m] as Ranked) < 0) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m] as Ranked, h[i] as Ranked];
      i = m;
    }
  }
}
