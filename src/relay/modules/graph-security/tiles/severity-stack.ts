// Bars stacked by severity, shared by the per-day and per-category charts: `keys` names the stacks
// present, each bar's `values` holds its non-zero stacks. Shapes as in
// CiscoSecurity/tr-05-serverless-guardduty api/tiles/events_per_day.py (keys, key_type, values).
import { SEVERITIES, SEVERITY_LABELS, type Severity } from './rows.js';

export type SeverityCounts = Map<Severity, number>;

export function addTo(counts: SeverityCounts, s: Severity, n: number): void {
  counts.set(s, (counts.get(s) ?? 0) + n);
}

export function totalOf(counts: SeverityCounts): number {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}

/** `{key, value}` per severity with alerts, in severity order. */
export function stackValues(counts: SeverityCounts): Array<{ key: Severity; value: number }> {
  return SEVERITIES.filter((s) => (counts.get(s) ?? 0) > 0).map((s) => ({
    key: s,
    value: counts.get(s) ?? 0,
  }));
}

/** The legend: every severity that has alerts in some bar. */
export function stackKeys(bars: Iterable<SeverityCounts>): Array<{ key: Severity; label: string }> {
  const present = new Set<Severity>();
  for (const b of bars) for (const [s, n] of b) if (n > 0) present.add(s);
  return SEVERITIES.filter((s) => present.has(s)).map((s) => ({ key: s, label: SEVERITY_LABELS[s] }));
}
