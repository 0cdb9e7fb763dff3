// The accounts part of the overview: requests waiting for an administrator and requests that failed,
// each linking to the list of them.
import type { AttentionItem, ConsoleRequest, OverviewPart } from '../../platform/feature/console.js';
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
  return { attention, charts: [] };
}
