// The corpus a search reads: the generated observables, minus the ones tests removed or changed, plus
// the ones tests added or changed (kept in memory, sorted by lastSeen). Every observable has a key
// (lastSeen, id) — generated ones use their index as id, added ones numbers past the corpus — and a
// page is the next matching keys after the cursor's key, merged from both parts in key order.
import { GeneratedCorpus, type CorpusShape, type Observable } from './generate.js';

export type Key = readonly [lastSeen: number, id: number];

export interface Stored extends Observable {
  /** Position in the key order; a generated observable's id is its index. */
  id: number;
}

/** A change to an observable; lastSeen defaults to the emulator's now (an update is seen now). */
export interface ObservablePatch {
  tags?: string[] | undefined;
  enclaveGuids?: string[] | undefined;
  firstSeen?: number | undefined;
  lastSeen?: number | undefined;
}

const after = (a: Key, b: Key) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

export interface ScanResult {
  items: Stored[];
  /** Key of the last observable looked at; the next page starts after it. */
  lastKey: Key | undefined;
  /** More observables may match after lastKey. */
  more: boolean;
}

export class CorpusStore {
  readonly generated: GeneratedCorpus;
  /** Generated indices hidden because a test removed or changed them. */
  readonly #hidden = new Set<number>();
  /** Added and changed observables, sorted by key. */
  #extras: Stored[] = [];
  #nextId: number;

  constructor(shape: CorpusShape) {
    this.generated = new GeneratedCorpus(shape);
    this.#nextId = Math.max(shape.size, 1_000_000) + 1;
  }

  get extraCount(): number {
    return this.#extras.length;
  }

  /** The observable at a generated index, or undefined when it was removed or changed. */
  at(index: number): Stored | undefined {
    if (index < 0 || index >= this.generated.size || this.#hidden.has(index)) return undefined;
    return { ...this.generated.observableAt(index), id: index };
  }

  add(o: Observable): Stored {
    const stored = { ...o, id: this.#nextId++ };
    const i = this.#extras.findIndex((x) => after([x.lastSeen, x.id], [stored.lastSeen, stored.id]));
    this.#extras.splice(i < 0 ? this.#extras.length : i, 0, stored);
    return stored;
  }

  /** Finds an observable by generated index, or an added one by type and value. */
  find(ref: { index?: number | undefined; type?: string | undefined; value?: string | undefined }) {
    if (ref.index !== undefined) return this.at(ref.index);
    return this.#extras.find((x) => x.type === ref.type && x.value === ref.value);
  }

  remove(target: Stored): void {
    if (target.id < this.generated.size) this.#hidden.add(target.id);
    else this.#extras = this.#extras.filter((x) => x.id !== target.id);
  }

  /** Replaces an observable by its changed copy, which moves to its new lastSeen. */
  update(target: Stored, patch: ObservablePatch, now: number): Stored {
    this.remove(target);
    return this.add({
      type: target.type,
      value: target.value,
      firstSeen: patch.firstSeen ?? target.firstSeen,
      lastSeen: patch.lastSeen ?? now,
      enclaveGuids: patch.enclaveGuids ?? target.enclaveGuids,
      tags: patch.tags ?? target.tags,
    });
  }

  /**
   * Up to `limit` observables with lastSeen in [from, to] and key after `cursor` that `match`, in key
   * order, looking at no more than `budget` candidates (a short page then says `more`).
   */
  scan(q: {
    from: number;
    to: number;
    cursor: Key | undefined;
    limit: number;
    budget: number;
    match: (o: Stored) => boolean;
  }): ScanResult {
    const g = this.generated;
    let gi = g.firstAtOrAfter(q.from);
    if (q.cursor !== undefined) gi = Math.max(gi, this.#firstGeneratedAfter(q.cursor));
    const gEnd = g.firstAtOrAfter(q.to + 1);
    let xi = this.#extras.findIndex(
      (x) => x.lastSeen >= q.from && (q.cursor === undefined || after([x.lastSeen, x.id], q.cursor)),
    );
    if (xi < 0) xi = this.#extras.length;
    const items: Stored[] = [];
    let lastKey: Key | undefined;
    let looked = 0;
    for (;;) {
      const x = this.#extras[xi];
      const xOk = x !== undefined && x.lastSeen <= q.to;
      const gOk = gi < gEnd;
      if (!xOk && !gOk) return { items, lastKey, more: false };
      if (items.length === q.limit || looked === q.budget) return { items, lastKey, more: true };
      looked++;
      const gKey: Key = [g.lastSeenAt(gi), gi];
      const takeExtra = xOk && (!gOk || !after([x.lastSeen, x.id], gKey));
      const candidate = takeExtra ? (x as Stored) : this.at(gi);
      lastKey = takeExtra ? [x.lastSeen, x.id] : gKey;
      if (takeExtra) xi++;
      else gi++;
      if (candidate !== undefined && q.match(candidate)) items.push(candidate);
    }
  }

  #firstGeneratedAfter(key: Key): number {
    let lo = 0;
    let hi = this.generated.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (after([this.generated.lastSeenAt(mid), mid], key)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
