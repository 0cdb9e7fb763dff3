// `/accounts`: the requests, newest first, per state (with the count of each) or all, searched by
// the start of the address, the UPN or the surname, keyset paged; approve and retry on the row, the
// request's own page for denying (it needs a reason).
import type { Block, ConsolePageRoute } from '../../platform/feature/console.js';
import { REQUEST_STATES } from '../model/request.js';
import {
  kindText,
  listQuery,
  personText,
  problemText,
  requestHref,
  stateCell,
  stepText,
  timeCell,
  sectionLinks,
} from './cells.js';
import type { AccountsConsoleDeps } from './deps.js';
import { PAGE_SIZE, parse, requestCursorOf, requestsQuery } from './params.js';
import { requestButtons } from './request-actions.js';

export function requestsPage(d: AccountsConsoleDeps): ConsolePageRoute {
  return {
    path: '/accounts',
    async render(req) {
      const q = parse(requestsQuery, req.query, req, 'query');
      const search = q.q?.trim() ?? '';
      const filters = { ...(q.state ? { state: q.state } : {}), ...(search ? { q: search } : {}) };
      const [counts, rows] = await Promise.all([
        d.requests.counts(),
        d.requests.page({
          ...(q.state ? { state: q.state } : {}),
          ...(search ? { search } : {}),
          ...(q.before ? { before: q.before } : {}),
          limit: PAGE_SIZE + 1,
        }),
      ]);
      const shown = rows.slice(0, PAGE_SIZE);
      const last = shown.at(-1);
      const all = REQUEST_STATES.reduce((n, s) => n + counts[s], 0);
      const tabs: Block = {
        kind: 'facts',
        id: 'states',
        title: req.t('requests.states'),
        items: [
          {
            label: req.t('state.all'),
            value: { text: String(all), href: `/accounts${listQuery({ q: search })}` },
          },
          ...REQUEST_STATES.map((s) => ({
            label: req.t(`state.${s}`) + (q.state === s ? ` (${req.t('requests.shown')})` : ''),
            value: { text: String(counts[s]), href: `/accounts${listQuery({ state: s, q: search })}` },
          })),
        ],
      };
      return {
        title: q.state
          ? req.t('requests.titleState', { state: req.t(`state.${q.state}`) })
          : req.t('requests.title'),
        live: true,
        blocks: [
          sectionLinks(req),
          tabs,
          {
            kind: 'search',
            id: 'search',
            path: '/accounts',
            label: req.t('search.label'),
            value: search,
            placeholder: req.t('search.placeholder'),
          },
          {
            kind: 'table',
            id: 'requests',
            columns: [
              req.t('col.created'),
              req.t('col.person'),
              req.t('col.address'),
              req.t('col.kind'),
              req.t('col.state'),
              req.t('col.step'),
              req.t('col.upn'),
              req.t('col.problem'),
            ],
            rows: shown.map((r) => ({
              key: r.id,
              cells: [
                timeCell(r.createdAt),
                { text: personText(r) || r.id, href: requestHref(r.id) },
                r.address,
                kindText(req, r),
                stateCell(req, r.state),
                stepText(req, r),
                r.upn ? { text: r.upn, code: true } : '',
                problemText(r),
              ],
              actions: requestButtons(req, r),
            })),
            empty: search ? req.t('requests.noMatch') : req.t('requests.empty'),
            hint: req.t('requests.hint'),
            ...(rows.length > PAGE_SIZE && last
              ? {
                  next: `/accounts${listQuery(filters, { before: requestCursorOf(last.createdAt, last.id) })}`,
                }
              : {}),
          },
          {
            kind: 'facts',
            id: 'export',
            items: [
              {
                label: req.t('export.label'),
                value: { text: req.t('export.link'), href: `/accounts/export.csv${listQuery(filters)}` },
              },
            ],
          },
        ],
      };
    },
  };
}
