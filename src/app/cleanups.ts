// What a starting instance must undo, in reverse order of doing it: on stop, and when a later step of
// the start fails. One failing cleanup is logged and does not keep the others from running.
import type { Logger } from '../platform/log.js';

export class Cleanups {
  readonly #steps: Array<() => Promise<void> | void> = [];

  add(step: () => Promise<void> | void): void {
    this.#steps.push(step);
  }

  /** Runs every step once, newest first. */
  async run(logger?: Logger): Promise<void> {
    while (this.#steps.length > 0) {
      const step = this.#steps.pop() as () => Promise<void> | void;
      try {
        await step();
      } catch (e) {
        logger?.warn({ err: e }, 'error during shutdown');
      }
    }
  }
}
