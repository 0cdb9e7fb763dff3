// `alerts-by-source` as a donut_graph: the outer ring is the service source (the product that raised
// the alert), its segments the detection sources. Keys are indexes into `labels[0]` / `labels[1]`, as in
// CiscoSecurity/tr-05-serverless-guardduty api/tiles/affected_instances.py.
import { eachCounted, type HuntingRow, labelOf } from './rows.js';
import { COL } from './queries.js';
import type { ChartFields } from './tile-data.js';

const byCountThenName = ([a, x]: [string, number], [b, y]: [string, number]) => y - x || a.localeCompare(b);

export function sourceDonut(rows: readonly HuntingRow[]): ChartFields {
  const services = new Map<string, Map<string, number>>();
  const skippedRows = eachCounted(rows, (row, n) => {
    const service = labelOf(row, COL.service);
    const detections = services.get(service) ?? new Map<string, number>();
    const detection = labelOf(row, COL.detection);
    detections.set(detection, (detections.get(detection) ?? 0) + n);
    services.set(service, detections);
    return true;
  });
  const totals = [...services].map(
    ([name, d]) => [name, [...d.values()].reduce((a, b) => a + b, 0)] as [string, number],
  );
  const outer = totals.filter(([, total]) => total > 0).sort(byCountThenName);
  const detectionTotals = new Map<string, number>();
  for (const d of services.values())
    for (const [k, v] of d) detectionTotals.set(k, (detectionTotals.get(k) ?? 0) + v);
  const inner = [...detectionTotals]
    .filter(([, v]) => v > 0)
    .sort(byCountThenName)
    .map(([k]) => k);
  const data = outer.map(([service, total], i) => ({
    key: i,
    value: total,
    tooltip: `${service}: ${total} alert${total === 1 ? '' : 's'}`,
    segments: [...(services.get(service) ?? new Map<string, number>())]
      .filter(([, v]) => v > 0)
      .sort(byCountThenName)
      .map(([detection, value]) => ({ key: inner.indexOf(detection), value })),
  }));
  return {
    fields: {
      label_headers: ['Service source', 'Detection source'],
      labels: [outer.map(([name]) => name), inner],
      data,
    },
    skippedRows,
  };
}
