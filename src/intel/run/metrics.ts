// Prometheus metrics of the threat-intel sync, updated from each run's counts. Registered on no
// registry here: the feature lists them and the app registers them on the process registry.
import { Counter, Gauge } from 'prom-client';
import type { SyncResult } from '../engine/sync.js';

export const intelRecords = new Counter({
  name: 'graphsoc_intel_records_total',
  help: 'Indicators per sink by what a run did with them (new, updated, revoked, withdrawn, expired, refused).',
  labelNames: ['source', 'sink', 'result'] as const,
  registers: [],
});

export const intelRejected = new Counter({
  name: 'graphsoc_intel_rejected_total',
  help: 'Values a source handed over that did not become indicators, by reason.',
  labelNames: ['source', 'reason'] as const,
  registers: [],
});

export const intelCalls = new Counter({
  name: 'graphsoc_intel_sink_calls_total',
  help: 'Upload, import or delete calls to each sink, and the 429s they received.',
  labelNames: ['sink', 'kind'] as const,
  registers: [],
});

export const intelLastSuccess = new Gauge({
  name: 'graphsoc_intel_last_success_timestamp_seconds',
  help: 'When each (source, sink) pair last finished a run without failing.',
  labelNames: ['source', 'sink'] as const,
  registers: [],
});

export const intelHeld = new Gauge({
  name: 'graphsoc_intel_live_indicators',
  help: 'Indicators each sink holds from each source, as of the last run.',
  labelNames: ['source', 'sink'] as const,
  registers: [],
});

export const INTEL_METRICS = [intelRecords, intelRejected, intelCalls, intelLastSuccess, intelHeld];

const RESULTS = ['new', 'updated', 'revoked', 'withdrawn', 'expired', 'refused'] as const;

/** Counts a finished run into the metrics (dry runs are not counted: nothing was sent). */
export function recordRun(r: SyncResult, dryRun: boolean, nowMs: number): void {
  if (dryRun) return;
  for (const s of r.sources)
    for (const [reason, n] of Object.entries(s.counts.rejectedBy))
      intelRejected.inc({ source: s.source, reason }, n ?? 0);
  for (const p of r.pairs) {
    for (const result of RESULTS) {
      const n = p.counts[result];
      if (n > 0) intelRecords.inc({ source: p.source, sink: p.sink, result }, n);
    }
    intelCalls.inc({ sink: p.sink, kind: 'call' }, p.counts.calls);
    intelCalls.inc({ sink: p.sink, kind: 'throttled' }, p.counts.throttled);
    if (p.outcome === 'ok' || p.outcome === 'refused')
      intelLastSuccess.set({ source: p.source, sink: p.sink }, nowMs / 1000);
  }
}
