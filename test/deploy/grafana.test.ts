// deploy/grafana/graphsoc.json stays in step with the metrics graphsoc exposes: every PromQL expression
// selects only series the process registry (with every feature's metrics) exposes, every graphsoc metric
// is on some panel, rate() and increase() read only counters, every selector is scoped to $instance,
// every query goes to the ${datasource} variable, and the panels neither share an id nor overlap.
// Each check is also shown to fail on a dashboard with one planted mistake.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { z } from 'zod';
import { FEATURES } from '../../src/app/registry.js';
import { registry } from '../../src/platform/metrics.js';

const FILE = new URL('../../deploy/grafana/graphsoc.json', import.meta.url);

// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, kept as written
const DATASOURCE_VAR = '${datasource}';
// Only the template variable: a datasource UID written in the file would not exist in your Grafana.
const DatasourceRef = z.object({ type: z.literal('prometheus'), uid: z.literal(DATASOURCE_VAR) }).strict();
const Target = z.object({ refId: z.string(), expr: z.string().min(1), datasource: DatasourceRef });
const GridPos = z.object({
  x: z.number().int(),
  y: z.number().int(),
  w: z.number().int(),
  h: z.number().int(),
});
const Panel = z.object({
  id: z.number().int(),
  type: z.string(),
  title: z.string().min(1),
  gridPos: GridPos,
  datasource: DatasourceRef.optional(),
  targets: z.array(Target).optional(),
  // Rows stay open, so every panel's place is in the top-level list and the layout check sees it.
  collapsed: z.literal(false).optional(),
  panels: z.array(z.unknown()).max(0).optional(),
});
const Variable = z.object({ name: z.string(), type: z.string(), query: z.string().optional() });
const Dashboard = z.object({
  schemaVersion: z.literal(39),
  uid: z.null(),
  templating: z.object({ list: z.array(Variable) }),
  panels: z.array(Panel),
});
type Dashboard = z.infer<typeof Dashboard>;
type Panel = z.infer<typeof Panel>;

const load = (): Dashboard => Dashboard.parse(JSON.parse(readFileSync(FILE, 'utf8')));

/** A series Prometheus sees, the metric it belongs to, and whether it only ever goes up. */
interface Series {
  metric: string;
  counter: boolean;
}

/** Every series name the registry exposes once every feature's metrics are on it (as the app does). */
async function exposedSeries(): Promise<Map<string, Series>> {
  const metrics = (await registry.getMetricsAsJSON()).map((m) => ({ name: m.name, type: String(m.type) }));
  for (const f of FEATURES)
    for (const m of f.metrics ?? []) {
      const { name, type } = await m.get();
      metrics.push({ name, type: String(type) });
    }
  const out = new Map<string, Series>();
  for (const { name, type } of metrics) {
    if (type === 'histogram' || type === 'summary') {
      for (const suffix of ['_sum', '_count']) out.set(name + suffix, { metric: name, counter: true });
      if (type === 'histogram') out.set(`${name}_bucket`, { metric: name, counter: true });
      else out.set(name, { metric: name, counter: false });
    } else out.set(name, { metric: name, counter: type === 'counter' });
  }
  return out;
}

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/** The series names a PromQL expression selects: strings, matchers, ranges, grouping, functions and variables left out. */
function seriesNames(expr: string): string[] {
  const bare = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names: string[] = [];
  for (const m of bare.matchAll(/(?<![\w.])([A-Za-z_:][\w:]*)(\s*\()?/g))
    if (!m[2] && !KEYWORDS.has((m[1] as string).toLowerCase())) names.push(m[1] as string);
  return names;
}

/** What is wrong with the dashboard's queries, one line each. */
function queryProblems(d: Dashboard, exposed: Map<string, Series>): string[] {
  const problems: string[] = [];
  for (const p of d.panels)
    for (const t of p.targets ?? []) {
      const where = `"${p.title}" ${t.refId}`;
      const names = seriesNames(t.expr);
      if (names.length === 0) problems.push(`${where}: selects no series`);
      for (const n of names) if (!exposed.has(n)) problems.push(`${where}: ${n} is not exposed`);
      const scoped = t.expr.split('instance=~"$instance"').length - 1;
      if (scoped !== names.length)
        problems.push(`${where}: ${names.length} selectors, ${scoped} scoped to $instance`);
      for (const m of t.expr.matchAll(/\b(?:rate|irate|increase)\(\s*([A-Za-z_:][\w:]*)/g))
        if (exposed.get(m[1] as string)?.counter === false) problems.push(`${where}: rate of gauge ${m[1]}`);
    }
  for (const v of d.templating.list) {
    const m = /^label_values\(\s*([A-Za-z_:][\w:]*)\s*,/.exec(v.query ?? '');
    if (m && !exposed.has(m[1] as string)) problems.push(`variable ${v.name}: ${m[1]} is not exposed`);
  }
  return problems;
}

/** graphsoc's own metrics (platform and features; prom-client's process_/nodejs_ ones aside) on no panel. */
function unusedMetrics(d: Dashboard, exposed: Map<string, Series>): string[] {
  const used = new Set(d.panels.flatMap((p) => (p.targets ?? []).flatMap((t) => seriesNames(t.expr))));
  const usedMetrics = new Set([...used].map((n) => exposed.get(n)?.metric));
  const own = new Set(
    [...exposed.values()].map((s) => s.metric).filter((m) => !/^graphsoc_(process|nodejs)_/.test(m)),
  );
  return [...own].filter((m) => !usedMetrics.has(m)).sort();
}

/** Duplicate ids, panels past the 24-column grid, and panels that cover each other. */
function layoutProblems(panels: readonly Panel[]): string[] {
  const problems: string[] = [];
  const ids = new Set<number>();
  for (const p of panels) {
    if (ids.has(p.id)) problems.push(`id ${p.id} used twice`);
    ids.add(p.id);
    const g = p.gridPos;
    if (g.x < 0 || g.y < 0 || g.w < 1 || g.h < 1 || g.x + g.w > 24)
      problems.push(`"${p.title}" off the grid`);
  }
  for (let i = 0; i < panels.length; i++)
    for (let j = i + 1; j < panels.length; j++) {
      const a = (panels[i] as Panel).gridPos;
      const b = (panels[j] as Panel).gridPos;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
        problems.push(`"${panels[i]?.title}" overlaps "${panels[j]?.title}"`);
    }
  return problems;
}

/** The dashboard with the first target of the panel titled `title` replaced. */
function withExpr(d: Dashboard, title: string, expr: string): Dashboard {
  const copy = structuredClone(d);
  const p = copy.panels.find((x) => x.title === title);
  assert.ok(p?.targets?.[0], `panel "${title}" has a query`);
  p.targets[0].expr = expr;
  return copy;
}

test('every query selects only series graphsoc exposes, scoped to $instance, and rates only counters', async () => {
  assert.deepEqual(queryProblems(load(), await exposedSeries()), []);
});

test('every metric of the platform and of each feature is on at least one panel', async () => {
  assert.deepEqual(unusedMetrics(load(), await exposedSeries()), []);
});

test('panel ids are unique and no two panels overlap on the 24-column grid', () => {
  const d = load();
  assert.ok(d.panels.length > 10);
  assert.deepEqual(layoutProblems(d.panels), []);
});

test('the dashboard has the datasource and instance variables and names no datasource UID', () => {
  const text = readFileSync(FILE, 'utf8');
  const d = load();
  const vars = new Map(d.templating.list.map((v) => [v.name, v]));
  assert.equal(vars.get('datasource')?.type, 'datasource');
  assert.equal(vars.get('datasource')?.query, 'prometheus');
  assert.equal(vars.get('instance')?.type, 'query');
  assert.equal(text.includes('__inputs'), false, 'no import-time inputs: the variable chooses');
  const uids = [...text.matchAll(/"uid":\s*("[^"]*"|null)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(uids)].sort(), [`"${DATASOURCE_VAR}"`, 'null']);
});

test('series names leave out strings, matchers, ranges, grouping labels, functions and variables', () => {
  const expr =
    'histogram_quantile(0.95, sum by (service, le) (rate(a_bucket{x="}b c(", instance=~"$instance"}[$__rate_interval])))' +
    ' / on (instance) group_left (version) b_total offset 5m and time() - ' +
    DATASOURCE_VAR;
  assert.deepEqual(seriesNames(expr), ['a_bucket', 'b_total']);
  assert.deepEqual(seriesNames('time()'), []);
});

test('the checks catch a planted mistake of each kind', async () => {
  const d = load();
  const exposed = await exposedSeries();
  const title = 'Requests by route and status';
  const planted: Array<[string, string, RegExp]> = [
    ['a misspelt name', 'rate(graphsoc_http_request_total{instance=~"$instance"}[5m])', /not exposed/],
    [
      'a histogram by its bare name',
      'graphsoc_outside_call_duration_seconds{instance=~"$instance"}',
      /not exposed/,
    ],
    [
      'prom-client without our prefix',
      'rate(process_cpu_seconds_total{instance=~"$instance"}[5m])',
      /not exposed/,
    ],
    ['a selector not scoped', 'sum(rate(graphsoc_http_requests_total[5m]))', /scoped to \$instance/],
    ['a rate of a gauge', 'rate(graphsoc_intel_live_indicators{instance=~"$instance"}[5m])', /rate of gauge/],
  ];
  for (const [what, expr, problem] of planted) {
    const found = queryProblems(withExpr(d, title, expr), exposed);
    assert.ok(
      found.some((p) => problem.test(p)),
      `${what}: ${found.join('; ')}`,
    );
  }
  const unused = withExpr(d, 'Live indicators per pair', 'up{instance=~"$instance"}');
  assert.deepEqual(unusedMetrics(unused, exposed), ['graphsoc_intel_live_indicators']);

  const [a, b] = d.panels.filter((p) => p.type !== 'row');
  assert.ok(a && b);
  assert.match(
    layoutProblems([a, { ...b, gridPos: { ...a.gridPos, x: a.gridPos.x + 1 } }]).join(),
    /overlaps/,
  );
  assert.match(layoutProblems([a, { ...b, id: a.id }]).join(), /used twice/);
  assert.match(layoutProblems([{ ...a, gridPos: { ...a.gridPos, x: 20, w: 6 } }]).join(), /off the grid/);
  const fixedUid = structuredClone(JSON.parse(readFileSync(FILE, 'utf8')));
  fixedUid.panels[1].targets[0].datasource.uid = 'P1809F7CD0C75ACF3';
  assert.equal(Dashboard.safeParse(fixedUid).success, false);
});
