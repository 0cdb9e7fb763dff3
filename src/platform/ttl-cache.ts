// A bounded map whose entries expire: each entry lives until the time it was given, and past `max`
// entries the oldest go first (Map order is insertion order, and a set re-inserts).
export class TtlCache<V> {
  readonly #max: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { value: V; until: number }>();

  constructor(max: number, now: () => number = Date.now) {
    this.#max = max;
    this.#now = now;
  }

  get(key: string): V | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.until <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** Keeps `value` until `until` (epoch ms); an entry already past it is not stored. */
  set(key: string, value: V, until: number): void {
    this.#entries.delete(key);
    if (until <= this.#now()) return;
    this.#entries.set(key, { value, until });
    for (const k of this.#entries.keys()) {
      if (this.#entries.size <= this.#max) break;
      this.#entries.delete(k);
    }
  }

  now(): number {
    return this.#now();
  }
}
