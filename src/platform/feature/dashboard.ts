// What a feature shows on the operator dashboard: one row per job it answers for, and panels of its
// own. Plain data, so the dashboard renders every feature alike and imports none of them.

/** A job as the dashboard lists it, whether or not it runs here. */
export interface JobInfo {
  id: string;
  title: string;
  /** What the job does, one sentence. */
  purpose: string;
  /** Relative link to the operator guide. */
  docs?: string;
  /** The title and purpose in the console's other languages (English is above). */
  translations?: { de: { title: string; purpose: string } };
}

export type JobState =
  | 'running'
  | 'idle'
  | 'degraded'
  | 'failing'
  | 'disabled'
  | 'not-configured'
  | 'unavailable';

export interface JobStatus {
  state: JobState;
  /** One line on why it is in this state or what it last did. */
  detail: string;
}

/** A table of a feature's own (quarantined reports, say); every cell is text and is escaped. */
export interface Panel {
  /** Stable id: the section's `data-panel` attribute. */
  id: string;
  title: string;
  columns: readonly string[];
  /** The first cell of each row is its header cell; `key` becomes the row's `data-row` attribute. */
  rows: ReadonlyArray<{ key: string; cells: readonly string[] }>;
  /** Shown instead of the table when there are no rows. */
  empty: string;
  /** Shown under a non-empty table: what an operator can do about the rows. */
  hint?: string;
}
