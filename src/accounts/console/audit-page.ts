// `/accounts/audit`: the accounts audit log (every decision and directory change), newest first,
// keyset paged, one action at a time when asked (`?q=request.approved`).
import type { ConsolePageRoute } from '../../platform/feature/console.js';
import { requestHref, timeCell, sectionLinks } from './cells.js';
import type { AccountsConsoleDeps } from './deps.js';
import { detailText } from './detail.js';
import { auditQuery, PAGE_SIZE, parse } from './params.js';

export function auditPage(d: AccountsConsoleDeps): ConsolePageRoute {
  return {
    path: '/accounts/audit',
    async render(req) {
      const q = parse(auditQuery, req.query, req, 'query');
      const rows = await d.audit.page({
        ...(q.before ? { before: q.before } : {}),
        ...(q.q ? { action: q.q } : {}),
        limit: PAGE_SIZE + 1,
      });
      const shown = rows.slice(0, PAGE_SIZE);
      const last = shown.at(-1);
      const more = new URLSearchParams({
        ...(q.q ? { q: q.q } : {}),
        ...(last ? { before: String(last.id) } : {}),
      });
      return {
        title: req.t('audit.title'),
        blocks: [
          sectionLinks(req),
          {
            kind: 'search',
            id: 'action',
            path: '/accounts/audit',
            label: req.t('audit.filter'),
            value: q.q ?? '',
            placeholder: 'request.approved',
          },
          {
            kind: 'table',
            id: 'audit',
            columns: [
              req.t('col.at'),
              req.t('col.actor'),
              req.t('col.action'),
              req.t('col.request'),
              req.t('col.detail'),
            ],
            rows: shown.map((e) => ({
              key: String(e.id),
              cells: [
                timeCell(e.at),
                e.actor,
                { text: e.action, code: true },
                e.requestId ? { text: e.requestId, href: requestHref(e.requestId), code: true } : '',
                detailText(e.detail),
              ],
            })),
            empty: req.t('audit.empty'),
            hint: req.t('audit.hint'),
            ...(rows.length > PAGE_SIZE && last ? { next: `/accounts/audit?${more.toString()}` } : {}),
          },
        ],
      };
    },
  };
}
