// A one-line progress bar on stderr for long runs, drawn only when stderr is a terminal (never into a
// log or a pipe). Redrawn at most every 100 ms; cleared before anything else is written to the terminal.

export interface ProgressTarget {
  write(s: string): unknown;
  columns?: number;
}

const WIDTH = 30;
const CLEAR = '\r\x1b[K';

export class Progress {
  private shown = false;
  private lastDrawMs = 0;
  private done = 0;

  constructor(
    private readonly target: ProgressTarget | null,
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `n` more inputs finished. */
  advance(n: number): void {
    this.done += n;
    if (!this.target) return;
    const t = this.now();
    if (t - this.lastDrawMs < 100 && this.done < this.total) return;
    this.lastDrawMs = t;
    this.draw();
  }

  private draw(): void {
    if (!this.target || this.total === 0) return;
    const share = Math.min(1, this.done / this.total);
    const full = Math.round(share * WIDTH);
    const bar = `[${'#'.repeat(full)}${'.'.repeat(WIDTH - full)}] ${this.done}/${this.total} ${Math.floor(share * 100)}%`;
    this.target.write(`${CLEAR}${bar}`);
    this.shown = true;
  }

  /** Removes the bar so other output starts on a clean line; `redraw` puts it back afterwards. */
  clear(): void {
    if (this.target && this.shown) this.target.write(CLEAR);
    this.shown = false;
  }

  redraw(): void {
    if (this.target && this.done < this.total) this.draw();
  }
}
