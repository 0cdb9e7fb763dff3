// What the sync engine asks of a source (TruSTAR, a TAXII 2.1 collection): pages of indicators from
// where the last run stopped. The engine stores each page's indicators and the page's cursor in one
// transaction, so a run that stops resumes after the last stored page.
import type { CreateResult } from '../model/indicator.js';

export interface SourcePage {
  /** Each record of the page made into a canonical indicator (createIndicator), or its rejection. */
  items: CreateResult[];
  /**
   * Opaque to the engine: where to resume after this page. The last page of a run returns the
   * cursor the next run starts from (for TruSTAR, the next window; for TAXII, added_after).
   */
  cursor: string;
}

export interface ReadOptions {
  /** The run's clock, epoch ms; windows end relative to it. */
  nowMs: number;
  signal?: AbortSignal;
}

export interface IntelSource {
  /** The name the engine keys state by: `trustar`, or `taxii:<collection id>`. */
  readonly name: string;
  /**
   * Pages in order from `cursor` (undefined on the first run: the source's own look-back). The
   * iteration ends when the source has nothing more up to now; it throws a typed connector error
   * when the source cannot be read (after the client's retries).
   */
  read(cursor: string | undefined, o: ReadOptions): AsyncIterable<SourcePage>;
  /** Cheap proof that the credentials work and the configured enclaves or collections are readable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
