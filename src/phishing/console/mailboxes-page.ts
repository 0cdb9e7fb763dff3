// `/phishing/mailboxes`: each configured report mailbox with its change subscription (id, expiry), its
// delta state and how its last rounds went (pipeline/mailbox-health.ts), as every instance sees them
// in the database.
import type { Cell, ConsolePage, ConsolePageRoute } from '../../platform/feature/console.js';
import { hasDeltaLink } from '../ingest/folder-sync.js';
import { storedSubscription } from '../ingest/subscriptions.js';
import { hostile, type T, timeCell, tOf } from './cells.js';
import type { PhishingConsoleDeps } from './deps.js';

export function mailboxesPage(d: PhishingConsoleDeps): ConsolePageRoute {
  return {
    path: '/phishing/mailboxes',
    async render(req): Promise<ConsolePage> {
      const t = tOf(req);
      const rows = [];
      for (const m of d.mailboxes) {
        const f = { mailbox: m.mailbox, folder: m.folder };
        const [sub, delta, health] = await Promise.all([
          storedSubscription(d.kv, f),
          hasDeltaLink(d.kv, f),
          d.health.read(f),
        ]);
        rows.push({
          key: `${m.mailbox.toLowerCase()}|${m.folder}`,
          cells: [
            `${m.mailbox} (${m.folder})`,
            sub ? ({ text: sub.id, code: true } as Cell) : t('mailboxes.noSubscription'),
            sub ? timeCell(sub.expiresAt) : t('none'),
            delta ? t('mailboxes.deltaKept') : t('mailboxes.deltaNone'),
            healthCell(t, health),
          ],
        });
      }
      return {
        title: t('mailboxes.title'),
        live: true,
        blocks: [
          {
            kind: 'table',
            id: 'phishing-mailboxes',
            title: t('mailboxes.title'),
            columns: [
              t('col.mailbox'),
              t('col.subscription'),
              t('col.expires'),
              t('col.delta'),
              t('col.health'),
            ],
            rows,
            empty: t('mailboxes.empty'),
          },
        ],
      };
    },
  };
}

function healthCell(t: T, h: { problem?: string | undefined; since: number } | undefined): Cell {
  if (!h) return { text: t('mailboxes.unknown'), tone: 'muted' };
  const since = new Date(h.since).toISOString();
  if (h.problem === undefined) return { text: t('mailboxes.ok', { since }), tone: 'ok' };
  return { text: t('mailboxes.problem', { problem: hostile(h.problem, 300), since }), tone: 'bad' };
}
