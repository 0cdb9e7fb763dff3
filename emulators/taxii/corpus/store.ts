// One collection's objects as the objects endpoint reads them: the generated ones, minus those a
// test superseded, plus the objects and new versions tests added (kept in memory in date_added
// order). Every entry has a key (date_added µs, id): generated objects use their index as id, added
// ones numbers past the generated range; a page is the next matching keys after a key.
// Only the latest version of each object is served (TAXII's default match[version]=last).
import { GeneratedCollection, type CollectionShape, type StixObject } from './generate.js';
import { indexOfId } from './ids.js';

export type Key = readonly [addedUs: number, seq: number];

export interface Entry {
  object: StixObject;
  addedUs: number;
  seq: number;
}

const after = (a: Key, b: Key) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

export interface ScanQuery {
  /** Only entries added after this (µs); undefined: from the start. */
  addedAfterUs: number | undefined;
  /** Only entries after this key (the `next` token's). */
  cursor: Key | undefined;
  limit: number;
  match: (o: StixObject) => boolean;
}

export interface ScanResult {
  entries: Entry[];
  /** More entries match after the last one returned. */
  more: boolean;
}

export class CollectionStore {
  readonly generated: GeneratedCollection;
  readonly #hidden = new Set<number>();
  #extras: Entry[] = [];
  #nextSeq: number;

  constructor(collectionId: string, shape: CollectionShape) {
    this.generated = new GeneratedCollection(collectionId, shape);
    this.#nextSeq = this.generated.size;
  }

  /** The entry of generated object `index`, unless a newer version replaced it. */
  at(index: number): Entry | undefined {
    if (index < 0 || index >= this.generated.size || this.#hidden.has(index)) return undefined;
    return { object: this.generated.objectAt(index), addedUs: this.generated.dateAddedAt(index), seq: index };
  }

  /** The latest version of an object by STIX id. */
  find(id: string): Entry | undefined {
    for (let i = this.#extras.length - 1; i >= 0; i--) {
      const e = this.#extras[i] as Entry;
      if (e.object.id === id) return e;
    }
    const index = indexOfId(id, this.generated.prefix);
    const e = index === undefined ? undefined : this.at(index);
    return e?.object.id === id ? e : undefined;
  }

  /**
   * Adds an object (or a new version of one it holds, which then replaces the old) with date_added
   * `addedUs`, moved past the newest entry so date_added never goes back.
   */
  add(object: StixObject, addedUs: number): Entry {
    const old = this.find(object.id);
    if (old !== undefined) {
      if (old.seq < this.generated.size) this.#hidden.add(old.seq);
      else this.#extras = this.#extras.filter((e) => e !== old);
    }
    const g = this.generated;
    const newest = Math.max(g.size > 0 ? g.dateAddedAt(g.size - 1) : 0, this.#extras.at(-1)?.addedUs ?? 0);
    const entry = { object, addedUs: Math.max(addedUs, newest + 1), seq: this.#nextSeq++ };
    this.#extras.push(entry);
    return entry;
  }

  get extraCount(): number {
    return this.#extras.length;
  }

  /** Up to `limit` matching entries in key order, and whether another one follows. */
  scan(q: ScanQuery): ScanResult {
    const g = this.generated;
    let gi = q.addedAfterUs === undefined ? 0 : g.firstAfter(q.addedAfterUs);
    if (q.cursor !== undefined) gi = Math.max(gi, this.#firstGeneratedAfter(q.cursor));
    let xi = this.#extras.findIndex(
      (x) =>
        (q.addedAfterUs === undefined || x.addedUs > q.addedAfterUs) &&
        (q.cursor === undefined || after([x.addedUs, x.seq], q.cursor)),
    );
    if (xi < 0) xi = this.#extras.length;
    const entries: Entry[] = [];
    for (;;) {
      const x = this.#extras[xi];
      const gOk = gi < g.size;
      if (x === undefined && !gOk) return { entries, more: false };
      const takeExtra = x !== undefined && (!gOk || !after([x.addedUs, x.seq], [g.dateAddedAt(gi), gi]));
      const candidate = takeExtra ? x : this.at(gi);
      if (takeExtra) xi++;
      else gi++;
      if (candidate === undefined || !q.match(candidate.object)) continue;
      if (entries.length === q.limit) return { entries, more: true };
      entries.push(candidate);
    }
  }

  #firstGeneratedAfter(key: Key): number {
    let lo = 0;
    let hi = this.generated.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (after([this.generated.dateAddedAt(mid), mid], key)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
