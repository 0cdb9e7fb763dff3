// `alerts-by-severity` as a metric_group: a total, then one metric per severity (Unknown only when some
// alert has a severity the module does not know). Metric fields (icon, label, value, value_unit) as in
// CiscoSecurity/tr-05-serverless-guardduty api/tiles/total_events.py.
import {
  eachCounted,
  type HuntingRow,
  SEVERITIES,
  SEVERITY_LABELS,
  type Severity,
  severityOf,
} from './rows.js';
import type { ChartFields } from './tile-data.js';

const metric = (label: string, value: number) => ({ icon: 'warning', label, value, value_unit: 'integer' });

export function severityMetrics(rows: readonly HuntingRow[]): ChartFields {
  const counts = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  const skippedRows = eachCounted(rows, (row, n) => {
    const s = severityOf(row);
    counts.set(s, (counts.get(s) ?? 0) + n);
    return true;
  });
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const shown = SEVERITIES.filter((s) => s !== 'unknown' || (counts.get(s) ?? 0) > 0);
  return {
    fields: {
      data: [
        metric('Total alerts', total),
        ...shown.map((s) => metric(SEVERITY_LABELS[s], counts.get(s) ?? 0)),
      ],
    },
    skippedRows,
  };
}
