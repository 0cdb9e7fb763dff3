// The threat-intel sync's part of the operator console: a page with each pair's last run, the records
// the sinks refused, and records sent per day; on the overview, the pairs that failed, refused
// records or stopped running.
import {
  addAt,
  type AttentionItem,
  type Block,
  type Cell,
  type ConsoleRequest,
  type ConsoleSection,
  DAY_MS,
  windowStart,
} from '../../platform/feature/index.js';
import type { SinkCounts, SourceCounts } from '../engine/counts.js';
import type { IntelRuns, RunRow } from '../store/runs.js';
import type { IntelSinkState } from '../store/sink-state.js';
import { INTEL_MESSAGES } from './console-messages.js';

export interface IntelConsoleDeps {
  runs: IntelRuns;
  state: IntelSinkState;
  pairs: ReadonlyArray<{ source: string; sink: string }>;
  intervalMinutes: number;
  now?: () => number;
}

const OUTCOME_TONES = { running: 'info', ok: 'ok', refused: 'warn', failed: 'bad' } as const;
const CHART_DAYS = 14;
const MAX_REFUSALS = 50;

export function intelConsole(d: IntelConsoleDeps): ConsoleSection {
  const now = () => (d.now ?? Date.now)();
  return {
    nav: [{ path: '/intel', title: 'intel.nav' }],
    messages: INTEL_MESSAGES,
    pages: [
      {
        path: '/intel',
        async render(req) {
          const latest = await d.runs.latest();
          return {
            title: req.t('intel.title'),
            live: true,
            blocks: [
              {
                kind: 'facts',
                id: 'intel-config',
                title: req.t('intel.facts'),
                items: [
                  {
                    label: req.t('intel.pairs'),
                    value: { list: d.pairs.map((p) => `${p.source} → ${p.sink}`) },
                  },
                  { label: req.t('intel.interval'), value: req.t('intel.minutes', { n: d.intervalMinutes }) },
                ],
              },
              await runsBlock(req, d, latest, now()),
              refusalsBlock(req, latest),
              await sentChart(req, d.runs, now()),
            ],
          };
        },
      },
    ],
    async overview(req) {
      const latest = await d.runs.latest();
      return { attention: attention(req, d, latest, now()), charts: [await sentChart(req, d.runs, now())] };
    },
  };
}

async function runsBlock(
  req: ConsoleRequest,
  d: IntelConsoleDeps,
  latest: RunRow[],
  now: number,
): Promise<Block> {
  const successes = await d.runs.lastSuccesses();
  const rows = [];
  for (const r of latest) {
    const last = successes.get(`${r.source}|${r.sink ?? ''}`);
    const when: Cell = {
      list: [
        { text: new Date(r.startedAt).toISOString(), time: true },
        ...(last === undefined || last === r.finishedAt
          ? []
          : [{ text: new Date(last).toISOString(), time: true }]),
      ],
    };
    const outcome: Cell = { text: req.t(`intel.outcome.${r.outcome}`), tone: OUTCOME_TONES[r.outcome] };
    if (r.sink === null) {
      const c = r.counts as Partial<SourceCounts>;
      rows.push({
        key: r.source,
        cells: [
          req.t('intel.read', { source: r.source }),
          when,
          outcome,
          req.t('intel.did.read', {
            new: c.new ?? 0,
            changed: c.changed ?? 0,
            unchanged: c.unchanged ?? 0,
            pages: c.pages ?? 0,
            rejected: c.rejected ?? 0,
          }),
          '',
          r.error ?? '',
        ],
      });
      continue;
    }
    const c = r.counts as Partial<SinkCounts>;
    const tally = await d.state.tally(r.source, r.sink, now);
    rows.push({
      key: `${r.source}:${r.sink}`,
      cells: [
        `${r.source} → ${r.sink}`,
        when,
        outcome,
        req.t('intel.did.sink', {
          sent: sent(c),
          new: c.new ?? 0,
          updated: c.updated ?? 0,
          revoked: c.revoked ?? 0,
          withdrawn: c.withdrawn ?? 0,
          refused: (c.refused ?? 0) + (c.stillRefused ?? 0),
          cap: c.leftOutByCap ?? 0,
          calls: c.calls ?? 0,
          throttled: c.throttled ?? 0,
        }),
        String(tally.live),
        r.error ?? '',
      ],
    });
  }
  return {
    kind: 'table',
    id: 'intel-runs',
    title: req.t('intel.runs'),
    columns: ['pair', 'lastRun', 'outcome', 'did', 'live', 'error'].map((c) => req.t(`intel.col.${c}`)),
    rows,
    empty: req.t('intel.empty'),
    hint: req.t('intel.hint'),
  };
}

function refusalsBlock(req: ConsoleRequest, latest: RunRow[]): Block {
  const rows = latest.flatMap((r) =>
    r.sink === null
      ? []
      : ((r.counts as Partial<SinkCounts>).refusals ?? []).map((x, i) => ({
          key: `${r.source}:${r.sink}:${i}`,
          cells: [{ text: x.key, code: true }, r.sink ?? '', x.error],
        })),
  );
  return {
    kind: 'table',
    id: 'intel-refusals',
    title: req.t('intel.refusals'),
    columns: [req.t('intel.col.record'), req.t('intel.col.sink'), req.t('intel.col.error')],
    rows: rows.slice(0, MAX_REFUSALS),
    empty: req.t('intel.refusals.empty'),
    hint: req.t('intel.refusals.hint'),
  };
}

const sent = (c: Partial<SinkCounts>) =>
  (c.new ?? 0) + (c.updated ?? 0) + (c.revoked ?? 0) + (c.withdrawn ?? 0);

async function sentChart(req: ConsoleRequest, runs: IntelRuns, now: number) {
  const from = windowStart(now, DAY_MS, CHART_DAYS);
  const bySink = new Map<string, number[]>();
  for (const r of await runs.finishedSince(from)) {
    if (r.sink === null || r.finishedAt === null) continue;
    const values = bySink.get(r.sink) ?? new Array<number>(CHART_DAYS).fill(0);
    addAt(values, from, DAY_MS, r.finishedAt, sent(r.counts as Partial<SinkCounts>));
    bySink.set(r.sink, values);
  }
  return {
    kind: 'chart' as const,
    id: 'intel-sent',
    title: req.t('intel.chart.sent'),
    chart: {
      kind: 'bars' as const,
      stacked: true,
      from,
      stepMs: DAY_MS,
      unit: req.t('intel.unit.records'),
      series: [...bySink].map(([name, values]) => ({ name, values })),
    },
  };
}

function attention(req: ConsoleRequest, d: IntelConsoleDeps, latest: RunRow[], now: number): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const r of latest) {
    const pair = r.sink === null ? req.t('intel.read', { source: r.source }) : `${r.source} → ${r.sink}`;
    if (r.outcome === 'failed')
      items.push({
        tone: 'bad',
        text: req.t('intel.attention.failed', { pair, error: r.error ?? '' }),
        href: '/intel',
      });
    else if (r.outcome === 'refused' && r.sink !== null)
      items.push({
        tone: 'warn',
        text: req.t('intel.attention.refused', { sink: r.sink, source: r.source }),
        href: '/intel',
      });
  }
  for (const p of d.pairs) {
    const r = latest.find((x) => x.source === p.source && x.sink === p.sink);
    if (r?.finishedAt != null && now - r.finishedAt > 3 * d.intervalMinutes * 60_000)
      items.push({
        tone: 'warn',
        text: req.t('intel.attention.stale', { pair: `${p.source} → ${p.sink}` }),
        href: '/intel',
      });
  }
  return items;
}
