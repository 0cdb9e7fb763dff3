// What a run did, counted: per source (read, staged, rejected by reason) and per (source, sink)
// (new, updated, expired, revoked…). The CLI's summary table, the run rows, the dashboard and the
// metrics all read these shapes.
import type { RejectionReason } from '../model/rejection.js';
import type { Action } from '../policy/schema.js';

/** Kept per run so the report can show what was wrong without holding every bad value. */
export const MAX_SAMPLES = 20;

export interface SourceCounts {
  pages: number;
  read: number;
  /** Indicators new to the local copy, and ones whose content or last sighting changed. */
  new: number;
  changed: number;
  unchanged: number;
  rejected: number;
  rejectedBy: Partial<Record<RejectionReason, number>>;
  /** The first few rejections: reason, claimed type and the start of the value. */
  samples: Array<{ reason: RejectionReason; type: string; sample: string }>;
}

export interface SinkCounts {
  /** Sent for the first time (or again after a withdrawal or a refusal). */
  new: number;
  /** Sent again because its content or the policy's decision changed. */
  updated: number;
  /** Held by the sink as last sent: nothing to do. */
  unchanged: number;
  /** Past its expiry: the sink drops it by itself, no call needed. */
  expired: number;
  /** Withdrawn because the source revoked it. */
  revoked: number;
  /** Withdrawn because the policy now keeps it out (too old, allow-listed, type, TLP, score). */
  withdrawn: number;
  /** Refused by the sink in this run (per record), and refused earlier with unchanged content. */
  refused: number;
  stillRefused: number;
  /** Eligible but outside the sink's capacity (Defender's 15,000 per tenant): reported, not sent. */
  leftOutByCap: number;
  /** The sink holds the same value from someone else (an analyst's own Defender indicator). */
  foreign: number;
  /** Kept out by the policy and never sent. */
  skipped: number;
  /** Sends by the action they carry. */
  actions: Record<Action, number>;
  calls: number;
  throttled: number;
  refusals: Array<{ key: string; error: string }>;
}

export const emptySourceCounts = (): SourceCounts => ({
  pages: 0,
  read: 0,
  new: 0,
  changed: 0,
  unchanged: 0,
  rejected: 0,
  rejectedBy: {},
  samples: [],
});

export const emptySinkCounts = (): SinkCounts => ({
  new: 0,
  updated: 0,
  unchanged: 0,
  expired: 0,
  revoked: 0,
  withdrawn: 0,
  refused: 0,
  stillRefused: 0,
  leftOutByCap: 0,
  foreign: 0,
  skipped: 0,
  actions: { alert: 0, block: 0, audit: 0 },
  calls: 0,
  throttled: 0,
  refusals: [],
});
