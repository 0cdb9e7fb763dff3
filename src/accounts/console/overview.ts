// The accounts part of the overview: requests waiting for an administrator and requests that failed,
// each linking to the list of them, and the requests filed per day over two weeks by where they came
// from.
import type { AttentionItem, Block, ConsoleRequest, OverviewPart } from '../../platform/feature/console.js';
import { DAY_MS, windowStart } from '../../platform/feature/index.js';
import type { AccountsConsoleDeps } from './deps.js';

export async function accountsOverview(d: AccountsConsoleDeps, req: ConsoleRequest): Promise<OverviewPart> {
  const counts = await d.requests.counts();
  const attention: AttentionItem[] = [];
  if (counts.failed > 0)
    attention.push({
      tone: 'bad',
      text: req.t('overview.failed', { n: counts.failed }),
      href: '/accounts?state=failed',
    });
  if (counts.pending > 0)
    attention.push({
      tone: 'warn',
      text: req.t('overview.pending', { n: counts.pending }),
      href: '/accounts?state=pending',
    });
  const charts: Array<Extract<Block, { kind: 'chart' }>> = [];
  if (d.stats) {
    const from = windowStart((d.clock ?? Date.now)(), DAY_MS, DAYS);
    const filed = await d.stats.filed(from, DAY_MS, DAYS);
    charts.push({
      kind: 'chart',
      id: 'accounts-filed-daily',
      title: req.t('chart.filed', { n: DAYS }),
      chart: {
        kind: 'bars',
        stacked: true,
        from,
        stepMs: DAY_MS,
        unit: req.t('chart.requests'),
        series: [
          { name: req.t('source.portal'), values: filed.portal, tone: 'info' },
          { name: req.t('source.import'), values: filed.import, tone: 'ok' },
          { name: req.t('source.console'), values: filed.console, tone: 'muted' },
        ],
      },
    });
  }
  return { attention, charts };
}

const DAYS = 14;
