// How long one unit of work (a relay request, say) spent waiting on outside services: the union of
// the intervals in which at least one of its calls was in flight, so concurrent calls count once.
// What is left of the unit's wall time is its own overhead (reported as Server-Timing).
export class UpstreamWait {
  readonly #now: () => number;
  #inFlight = 0;
  #since = 0;
  #doneMs = 0;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Marks a wait as started; call the returned function once when it ends. */
  begin(): () => void {
    if (this.#inFlight++ === 0) this.#since = this.#now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.#inFlight === 0) this.#doneMs += this.#now() - this.#since;
    };
  }

  /** Milliseconds spent waiting so far, counting a wait still in flight. */
  get ms(): number {
    return this.#doneMs + (this.#inFlight > 0 ? this.#now() - this.#since : 0);
  }
}
