// One holder per key inside this process: callers for the same key run one after the other, in the
// order they asked; other keys are not held up. Across processes a lock must live in the database.
export class KeyedLock {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(key: string, f: () => Promise<T>): Promise<T> {
    const before = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before.then(() => mine);
    this.#tails.set(key, tail);
    await before;
    try {
      return await f();
    } finally {
      release();
      // The last in line cleans up, so the map holds only keys somebody is waiting for.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
