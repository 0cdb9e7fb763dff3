// The phishing part of the console's overview: what needs a person (quarantined reports, failing
// mailboxes) and the charts of reports per hour and day by verdict and campaigns opened per day.
import type {
  AttentionItem,
  Block,
  ChartSeries,
  OverviewPart,
  Tone,
} from '../../platform/feature/console.js';
import type { ConsoleRequest } from '../../platform/feature/console.js';
import type { Buckets } from '../store/console-queries.js';
import { hostile, type T, tOf } from './cells.js';
import type { PhishingConsoleDeps } from './deps.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const VERDICTS: ReadonlyArray<readonly [string, Tone]> = [
  ['malicious', 'bad'],
  ['suspicious', 'warn'],
  ['clean', 'ok'],
  ['none', 'muted'],
];

type ChartBlock = Extract<Block, { kind: 'chart' }>;

export async function phishingOverview(d: PhishingConsoleDeps, req: ConsoleRequest): Promise<OverviewPart> {
  const t = tOf(req);
  const now = (d.now ?? Date.now)();
  const attention: AttentionItem[] = [];
  const quarantined = await d.queries.quarantinedCount();
  if (quarantined > 0)
    attention.push({
      tone: 'bad',
      text: t('overview.quarantined', { n: quarantined }),
      href: '/phishing/quarantine',
    });
  for (const m of d.mailboxes) {
    const h = await d.health.read({ mailbox: m.mailbox, folder: m.folder });
    if (h?.problem)
      attention.push({
        tone: 'bad',
        text: t('overview.mailbox', { mailbox: m.mailbox, problem: hostile(h.problem, 300) }),
        href: '/phishing/mailboxes',
      });
  }
  // Buckets on whole hours and UTC days, the current one last.
  const hourFrom = Math.floor(now / HOUR) * HOUR - 47 * HOUR;
  const dayFrom = Math.floor(now / DAY) * DAY - 13 * DAY;
  const [hourly, daily, opened] = await Promise.all([
    d.queries.reportsByVerdict(hourFrom, HOUR, 48),
    d.queries.reportsByVerdict(dayFrom, DAY, 14),
    d.queries.campaignsOpened(dayFrom, DAY, 14),
  ]);
  const charts: ChartBlock[] = [
    verdictChart(t, 'phishing-reports-hourly', t('chart.hourly'), hourly, hourFrom, HOUR, 48),
    verdictChart(t, 'phishing-reports-daily', t('chart.daily'), daily, dayFrom, DAY, 14),
    {
      kind: 'chart',
      id: 'phishing-campaigns-daily',
      title: t('chart.campaigns'),
      chart: {
        kind: 'bars',
        from: dayFrom,
        stepMs: DAY,
        unit: t('chart.campaignsUnit'),
        series: [{ name: t('chart.opened'), values: opened, tone: 'info' }],
      },
    },
  ];
  return { attention, charts };
}

function verdictChart(
  t: T,
  id: string,
  title: string,
  b: Buckets,
  from: number,
  stepMs: number,
  n: number,
): ChartBlock {
  const series: ChartSeries[] = VERDICTS.map(([v, tone]) => ({
    name: t(v === 'none' ? 'verdict.none' : (`verdict.${v}` as 'verdict.clean')),
    values: b.get(v) ?? new Array<number>(n).fill(0),
    tone,
  }));
  return {
    kind: 'chart',
    id,
    title,
    chart: { kind: 'bars', stacked: true, from, stepMs, unit: t('chart.reports'), series },
  };
}
