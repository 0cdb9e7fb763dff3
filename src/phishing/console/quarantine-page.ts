// `/phishing/quarantine`: reports set aside after repeated failures, newest first, with the last
// reason and the Release and Re-analyse buttons.
import type { ConsolePage, ConsolePageRoute } from '../../platform/feature/console.js';
import { reportHref } from './campaigns-page.js';
import { hostile, timeCell, tOf } from './cells.js';
import type { PhishingConsoleDeps } from './deps.js';
import { reportActions } from './report-page.js';

/** A longer quarantine is a bigger problem than this page; the CLI lists it all. */
export const QUARANTINE_SHOWN = 200;

export function quarantinePage(d: PhishingConsoleDeps): ConsolePageRoute {
  return {
    path: '/phishing/quarantine',
    async render(req): Promise<ConsolePage> {
      const t = tOf(req);
      const rows = await d.queries.quarantined(QUARANTINE_SHOWN);
      return {
        title: t('quarantine.title'),
        live: true,
        blocks: [
          {
            kind: 'table',
            id: 'phishing-quarantine',
            title: t('quarantine.title'),
            columns: [
              t('col.report'),
              t('col.mailbox'),
              t('col.subject'),
              t('col.attempts'),
              t('col.lastError'),
              t('col.since'),
            ],
            rows: rows.map((r) => ({
              key: String(r.id),
              cells: [
                { text: `#${r.id}`, href: reportHref(r.id), code: true },
                r.mailbox,
                hostile(r.subject) || t('none'),
                String(r.attempts),
                hostile(r.last_error, 300) || t('none'),
                timeCell(r.updated_at),
              ],
              actions: reportActions(t, r),
            })),
            empty: t('quarantine.empty'),
            hint: t('quarantine.hint'),
          },
        ],
      };
    },
  };
}
