// In-memory log of the requests an emulator answered, for tests to assert on.
export interface RequestLogEntry {
  seq: number;
  /** ISO timestamp when the request arrived. */
  time: string;
  /** Which listener answered it, e.g. 'login' or 'graph'. */
  host: string;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  appId?: string | undefined;
  tenantId?: string | undefined;
  /** True for an item inside a $batch; batchItemId is its id there. */
  batched?: boolean;
  batchItemId?: string;
  /** Fault rule ids that fired for this request. */
  faults?: string[];
  durationMs: number;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly maxEntries = 100_000) {}

  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    this.seq += 1;
    const full = { seq: this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
    return full;
  }

  list(filter: { host?: string; sinceSeq?: number } = {}): RequestLogEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.host === undefined || e.host === filter.host) &&
        (filter.sinceSeq === undefined || e.seq > filter.sinceSeq),
    );
  }

  clear(): void {
    this.entries = [];
  }
}

/** Splits a raw URL into path and a flat query record. */
export function splitUrl(rawUrl: string): { path: string; query: Record<string, string> } {
  const q = rawUrl.indexOf('?');
  if (q < 0) return { path: rawUrl, query: {} };
  return { path: rawUrl.slice(0, q), query: Object.fromEntries(new URLSearchParams(rawUrl.slice(q + 1))) };
}
