// The relay's console page (/relay) and overview part: its modules and where they are mounted, the
// last day's requests and errors, two days of requests, upstream latency and throttling per hour, and
// the module definition to paste into Threat Response.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import type {
  Block,
  ConsolePage,
  ConsoleRequest,
  OverviewPart,
  TableRow,
} from '../../platform/feature/index.js';
import { CISCO_JWKS_HOSTS } from '../auth/jwks.js';
import type { RelayConfig } from '../config.js';
import { type HourSum, type RouteSum, statsByHour, statsByRoute } from '../stats/index.js';
import {
  errorRows,
  HOUR,
  hourRange,
  latencyChart,
  outcomeClass,
  requestsChart,
  routeRows,
  upstreamProblemsChart,
} from './model.js';
import { moduleDefinition } from './module-definition.js';

export interface RelayConsoleOptions {
  db: Kysely<Database>;
  config: RelayConfig;
  /** The relay's public URL (the module URLs start with it). */
  publicUrl: () => string;
  now?: () => number;
}

const CHART_HOURS = 48;
const DAY = 24 * HOUR;

export function moduleUrl(o: RelayConsoleOptions, module: string): string {
  const base = o.publicUrl().replace(/\/+$/, '');
  return o.config.mount === 'root' ? base : `${base}/relay/${module}`;
}

export async function relayPage(o: RelayConsoleOptions, req: ConsoleRequest): Promise<ConsolePage> {
  const now = (o.now ?? Date.now)();
  const { from, until } = hourRange(now, CHART_HOURS);
  // The last 24 hours are the 24 hour rows ending with the current one.
  const [day, hours] = await Promise.all([
    statsByRoute(o.db, until - DAY, until),
    statsByHour(o.db, from, until),
  ]);
  const blocks: Block[] = [
    {
      kind: 'table',
      id: 'relay-modules',
      title: req.t('relay.modules.title'),
      columns: [
        'relay.col.module',
        'relay.col.url',
        'relay.col.backend',
        'relay.col.tokenCheck',
        'relay.col.tokens24h',
      ].map((c) => req.t(c)),
      rows: moduleRows(o, day, req),
      empty: req.t('relay.modules.empty'),
    },
    {
      kind: 'table',
      id: 'relay-requests',
      title: req.t('relay.requests.title'),
      columns: [
        'relay.col.route',
        'relay.col.module',
        'relay.col.requests',
        'relay.col.errors',
        'relay.col.upstreamCalls',
        'relay.col.throttled',
        'relay.col.failed',
      ].map((c) => req.t(c)),
      rows: routeRows(day, req),
      empty: req.t('relay.requests.empty'),
      hint: req.t('relay.requests.hint'),
    },
    ...charts(hours, from, req),
    {
      kind: 'chart',
      id: 'relay-upstream-problems',
      title: req.t('relay.chart.upstreamProblems'),
      chart: upstreamProblemsChart(hours, from, CHART_HOURS, req),
    },
    {
      kind: 'table',
      id: 'relay-errors',
      title: req.t('relay.errors.title'),
      columns: ['relay.col.code', 'relay.col.requests', 'relay.col.share'].map((c) => req.t(c)),
      rows: errorRows(day, req),
      empty: req.t('relay.errors.empty'),
    },
    ...o.config.modules.map(
      (m): Block => ({
        kind: 'code',
        id: `relay-definition-${m}`,
        title: req.t('relay.definition.title', { module: m }),
        text: moduleDefinition(m, moduleUrl(o, m)),
        hint: req.t('relay.definition.hint'),
      }),
    ),
  ];
  return { title: req.t('relay.title'), blocks, live: true };
}

function charts(hours: readonly HourSum[], from: number, req: ConsoleRequest) {
  return [
    {
      kind: 'chart' as const,
      id: 'relay-requests-chart',
      title: req.t('relay.chart.requests'),
      chart: requestsChart(hours, from, CHART_HOURS, req),
    },
    {
      kind: 'chart' as const,
      id: 'relay-latency-chart',
      title: req.t('relay.chart.latency'),
      chart: latencyChart(hours, from, CHART_HOURS, req),
    },
  ];
}

function moduleRows(o: RelayConsoleOptions, day: readonly RouteSum[], req: ConsoleRequest): TableRow[] {
  const c = o.config;
  const check = c.hs256Secret
    ? req.t('relay.tokens.hs256')
    : req.t('relay.tokens.rs256', { hosts: [...CISCO_JWKS_HOSTS, ...c.jwksHosts].join(', ') });
  return c.modules.map((m) => {
    let count = 0;
    let refused = 0;
    for (const s of day) {
      if (s.module !== m || s.route === '/watchdog' || s.route === '/version' || s.route === '(other)')
        continue;
      count += s.requests;
      if (s.code === 'authorization error') refused += s.requests;
    }
    const tokens =
      count === 0
        ? { text: req.t('relay.tokens.none'), tone: 'muted' as const }
        : refused === 0
          ? { text: req.t('relay.tokens.ok', { count }), tone: 'ok' as const }
          : { text: req.t('relay.tokens.refused', { refused, count }), tone: 'warn' as const };
    return {
      key: m,
      cells: [
        m,
        { text: moduleUrl(o, m), code: true },
        m === 'graph-security' ? req.t(`relay.backend.${c.graphSecurity.backend}`) : '',
        check,
        tokens,
      ],
    };
  });
}

/** The overview's relay part: its two charts, and what needs a person from the last hour. */
export async function relayOverview(o: RelayConsoleOptions, req: ConsoleRequest): Promise<OverviewPart> {
  const now = (o.now ?? Date.now)();
  const { from, until } = hourRange(now, CHART_HOURS);
  // "The last hour" is the current hour's row and the one before: the rows are per hour.
  const [hours, lastHour] = await Promise.all([
    statsByHour(o.db, from, until),
    statsByRoute(o.db, until - 2 * HOUR, until),
  ]);
  let throttled = 0;
  let failed = 0;
  for (const s of lastHour) {
    throttled += s.upstreamThrottled;
    if (outcomeClass(s.status, s.code) === 'failed') failed += s.requests;
  }
  const attention = [
    ...(throttled > 0
      ? [
          {
            tone: 'warn' as const,
            text: req.t('relay.attention.throttled', { count: throttled }),
            href: '/relay',
          },
        ]
      : []),
    ...(failed > 0
      ? [{ tone: 'bad' as const, text: req.t('relay.attention.failed', { count: failed }), href: '/relay' }]
      : []),
  ];
  return { attention, charts: charts(hours, from, req) };
}
