// What the dashboard shows of the threat-intel sync: one line per job state, and a table with each
// (source, sink) pair's last run, what it did, how long since it last succeeded, and its error.
import type { JobStatus, Panel } from '../../platform/feature/index.js';
import type { SinkCounts, SourceCounts } from '../engine/counts.js';
import type { IntelRuns, RunRow } from '../store/runs.js';
import type { IntelSinkState } from '../store/sink-state.js';

export interface StatusDeps {
  runs: IntelRuns;
  state: IntelSinkState;
  pairs: ReadonlyArray<{ source: string; sink: string }>;
  intervalMinutes: number;
  now?: () => number;
}

export async function intelStatus(d: StatusDeps): Promise<JobStatus> {
  const latest = await d.runs.latest();
  const now = (d.now ?? Date.now)();
  const problems: string[] = [];
  for (const r of latest) {
    if (r.outcome === 'failed') problems.push(`${label(r)}: ${r.error ?? 'failed'}`);
  }
  const stale = d.pairs.filter((p) => {
    const r = latest.find((x) => x.source === p.source && x.sink === p.sink);
    return r !== undefined && r.finishedAt !== null && now - r.finishedAt > 3 * d.intervalMinutes * 60_000;
  });
  const refused = latest.filter((r) => r.outcome === 'refused').map(label);
  const pairs = d.pairs.map((p) => `${p.source} → ${p.sink}`).join(', ');
  return {
    state: problems.length > 0 ? 'failing' : refused.length > 0 || stale.length > 0 ? 'degraded' : 'running',
    detail: [
      `${pairs} every ${d.intervalMinutes} min`,
      ...problems,
      ...(refused.length > 0 ? [`records refused by ${refused.join(', ')} (see the panel)`] : []),
      ...stale.map((p) => `${p.source} → ${p.sink} has not run for over 3 intervals`),
    ].join('; '),
  };
}

export async function intelPanel(d: StatusDeps): Promise<Panel> {
  const latest = await d.runs.latest();
  const now = (d.now ?? Date.now)();
  const successes = await d.runs.lastSuccesses();
  const since = (r: RunRow) => lag(successes.get(`${r.source}|${r.sink ?? ''}`), now);
  const rows: Panel['rows'][number][] = [];
  for (const r of latest) {
    if (r.sink === null) {
      const c = r.counts as Partial<SourceCounts>;
      rows.push({
        key: `${r.source}`,
        cells: [
          `${r.source} (read)`,
          `${when(r.startedAt)}; last success ${since(r)}`,
          r.outcome,
          `${c.new ?? 0} new, ${c.changed ?? 0} changed, ${c.unchanged ?? 0} unchanged in ${c.pages ?? 0} pages; ${c.rejected ?? 0} rejected${rejectedBy(c)}`,
          '',
          r.error ?? '',
        ],
      });
      continue;
    }
    const c = r.counts as Partial<SinkCounts>;
    const t = await d.state.tally(r.source, r.sink, now);
    rows.push({
      key: `${r.source}:${r.sink}`,
      cells: [
        `${r.source} → ${r.sink}${r.dryRun ? ' (dry run)' : ''}`,
        `${when(r.startedAt)}; last success ${since(r)}`,
        r.outcome,
        `${c.new ?? 0} new, ${c.updated ?? 0} updated, ${c.unchanged ?? 0} unchanged, ${c.revoked ?? 0} revoked, ${c.withdrawn ?? 0} withdrawn, ${c.expired ?? 0} expired; not sent: ${c.refused ?? 0} refused, ${c.stillRefused ?? 0} still refused, ${c.leftOutByCap ?? 0} over capacity, ${c.foreign ?? 0} someone else's; ${c.calls ?? 0} calls, ${c.throttled ?? 0} × 429`,
        `${t.live}`,
        r.error ?? (c.refusals?.[0] ? `e.g. ${c.refusals[0].error}` : ''),
      ],
    });
  }
  return {
    id: 'intel-runs',
    title: 'Threat-intel sync: last run per source and sink',
    // Six columns: the dashboard must fit a phone without scrolling sideways.
    columns: ['Pair', 'Last run', 'Outcome', 'What it did', 'Live', 'Error'],
    rows,
    empty: 'No sync has run yet. Run `graphsoc intel sync --dry-run` to see what the first run would send.',
    hint: 'docs/intel.md ("The dashboard") says what each figure means. A failed pair resumes at its last committed batch on its next run.',
  };
}

const label = (r: RunRow): string => (r.sink === null ? `${r.source} (read)` : `${r.source} → ${r.sink}`);
const when = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

function rejectedBy(c: Partial<SourceCounts>): string {
  const parts = Object.entries(c.rejectedBy ?? {}).map(([k, n]) => `${k} ${n}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** Time since the pair last finished a run that did not fail: how stale the sink's copy may be. */
function lag(finishedAt: number | undefined, now: number): string {
  if (finishedAt === undefined) return 'never';
  const min = Math.round((now - finishedAt) / 60_000);
  return min < 120 ? `${min} min ago` : `${Math.round(min / 60)} h ago`;
}
