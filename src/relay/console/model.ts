// The relay page's figures from the statistics sums, as plain data: which outcome class a request
// falls in, the per-hour series of the charts and the 24-hour tables. No I/O: the page reads the sums.
import type { Chart, ConsoleRequest, TableRow } from '../../platform/feature/index.js';
import { type HourSum, quantile, type RouteSum } from '../stats/index.js';

export const HOUR = 3_600_000;
export type OutcomeClass = 'ok' | 'error' | 'refused' | 'failed';

export function outcomeClass(status: number, code: string): OutcomeClass {
  if (status >= 500) return 'failed';
  if (status >= 400) return 'refused';
  return code ? 'error' : 'ok';
}

/** The hour buckets ending with the current one: [from, from + hours·HOUR). */
export function hourRange(now: number, hours: number): { from: number; until: number } {
  const current = Math.floor(now / HOUR) * HOUR;
  return { from: current - (hours - 1) * HOUR, until: current + HOUR };
}

const index = (hour: number, from: number, hours: number) => {
  const i = Math.floor((hour - from) / HOUR);
  return i >= 0 && i < hours ? i : -1;
};

export function requestsChart(
  sums: readonly HourSum[],
  from: number,
  hours: number,
  req: ConsoleRequest,
): Chart {
  const classes: Array<[OutcomeClass, 'ok' | 'warn' | 'muted' | 'bad']> = [
    ['ok', 'ok'],
    ['error', 'warn'],
    ['refused', 'muted'],
    ['failed', 'bad'],
  ];
  const values = new Map(classes.map(([c]) => [c, new Array<number>(hours).fill(0)]));
  for (const s of sums) {
    const i = index(s.hour, from, hours);
    const row = values.get(outcomeClass(s.status, s.code));
    if (i >= 0 && row) row[i] = (row[i] ?? 0) + s.requests;
  }
  return {
    kind: 'bars',
    stacked: true,
    from,
    stepMs: HOUR,
    unit: req.t('relay.unit.requests'),
    series: classes.map(([c, tone]) => ({
      name: req.t(`relay.outcome.${c}`),
      values: values.get(c) ?? [],
      tone,
    })),
  };
}

export function latencyChart(
  sums: readonly HourSum[],
  from: number,
  hours: number,
  req: ConsoleRequest,
): Chart {
  const buckets = Array.from({ length: hours }, () => [] as number[]);
  for (const s of sums) {
    const i = index(s.hour, from, hours);
    const into = buckets[i];
    if (!into) continue;
    s.buckets.forEach((c, b) => {
      into[b] = (into[b] ?? 0) + c;
    });
  }
  // An hour without upstream calls has no latency: NaN leaves a gap in the line.
  const q = (p: number) => buckets.map((b) => Math.round(quantile(b, p) ?? Number.NaN));
  return {
    kind: 'lines',
    from,
    stepMs: HOUR,
    unit: req.t('relay.unit.ms'),
    series: [
      { name: req.t('relay.series.p50'), values: q(0.5) },
      { name: req.t('relay.series.p95'), values: q(0.95), tone: 'warn' },
    ],
  };
}

export function upstreamProblemsChart(
  sums: readonly HourSum[],
  from: number,
  hours: number,
  req: ConsoleRequest,
): Chart {
  const throttled = new Array<number>(hours).fill(0);
  const failed = new Array<number>(hours).fill(0);
  for (const s of sums) {
    const i = index(s.hour, from, hours);
    if (i < 0) continue;
    throttled[i] = (throttled[i] ?? 0) + s.upstreamThrottled;
    failed[i] = (failed[i] ?? 0) + s.upstreamFailed;
  }
  return {
    kind: 'bars',
    from,
    stepMs: HOUR,
    unit: req.t('relay.unit.events'),
    series: [
      { name: req.t('relay.series.throttled'), values: throttled, tone: 'warn' },
      { name: req.t('relay.series.failed'), values: failed, tone: 'bad' },
    ],
  };
}

const fmt = (req: ConsoleRequest, v: number) => new Intl.NumberFormat(req.locale).format(v);

/** One row per (module, route), busiest first. */
export function routeRows(sums: readonly RouteSum[], req: ConsoleRequest): TableRow[] {
  const by = new Map<
    string,
    {
      module: string;
      route: string;
      requests: number;
      errors: number;
      calls: number;
      throttled: number;
      failed: number;
    }
  >();
  for (const s of sums) {
    const key = `${s.module} ${s.route}`;
    const r = by.get(key) ?? {
      module: s.module,
      route: s.route,
      requests: 0,
      errors: 0,
      calls: 0,
      throttled: 0,
      failed: 0,
    };
    r.requests += s.requests;
    if (outcomeClass(s.status, s.code) !== 'ok') r.errors += s.requests;
    r.calls += s.upstreamCalls;
    r.throttled += s.upstreamThrottled;
    r.failed += s.upstreamFailed;
    by.set(key, r);
  }
  return [...by.entries()]
    .sort(([ka, a], [kb, b]) => b.requests - a.requests || ka.localeCompare(kb))
    .map(([key, r]) => ({
      key,
      cells: [
        { text: r.route, code: true },
        r.module,
        fmt(req, r.requests),
        r.errors > 0 ? { text: fmt(req, r.errors), tone: 'warn' as const } : '0',
        fmt(req, r.calls),
        r.throttled > 0 ? { text: fmt(req, r.throttled), tone: 'warn' as const } : '0',
        r.failed > 0 ? { text: fmt(req, r.failed), tone: 'bad' as const } : '0',
      ],
    }));
}

/** One row per protocol error code (and HTTP status class for answers refused outside the protocol). */
export function errorRows(sums: readonly RouteSum[], req: ConsoleRequest): TableRow[] {
  let total = 0;
  const by = new Map<string, number>();
  for (const s of sums) {
    total += s.requests;
    const c = outcomeClass(s.status, s.code);
    if (c === 'ok') continue;
    const key = s.code || `HTTP ${s.status}`;
    by.set(key, (by.get(key) ?? 0) + s.requests);
  }
  const pct = new Intl.NumberFormat(req.locale, { style: 'percent', maximumFractionDigits: 1 });
  return [...by.entries()]
    .sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb))
    .map(([code, count]) => ({
      key: code,
      cells: [{ text: code, code: true }, fmt(req, count), pct.format(total > 0 ? count / total : 0)],
    }));
}
