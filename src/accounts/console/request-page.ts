// `/accounts/requests/:id`: one request, every fact of it, its audit history oldest first, and what
// an administrator may do with it now.
import type { Cell, ConsolePageRoute } from '../../platform/feature/console.js';
import { RequestNotFoundError } from '../errors.js';
import { kindText, personText, problemText, stateCell, stepText, timeCell } from './cells.js';
import type { AccountsConsoleDeps } from './deps.js';
import { detailText } from './detail.js';
import { parse, requestParams } from './params.js';
import { denyForm, requestButtons } from './request-actions.js';

export function requestPage(d: AccountsConsoleDeps): ConsolePageRoute {
  return {
    path: '/accounts/requests/:id',
    async render(req) {
      const { id } = parse(requestParams, req.params, req, 'id');
      const r = await d.requests.get(id);
      if (!r) throw new RequestNotFoundError(id);
      const history = await d.audit.forRequest(id);
      const fact = (label: string, value: Cell) => ({ label: req.t(label), value });
      const code = (v: string | null): Cell => (v ? { text: v, code: true } : '');
      return {
        title: req.t('request.title', { person: personText(r) || r.id }),
        live: r.state === 'approved',
        blocks: [
          {
            kind: 'facts',
            id: 'request',
            title: req.t('request.facts'),
            items: [
              fact('col.state', stateCell(req, r.state)),
              fact('col.step', stepText(req, r)),
              fact('col.person', personText(r)),
              fact('col.address', r.address),
              fact('col.kind', kindText(req, r)),
              fact('col.template', r.template),
              fact('col.source', req.t(`source.${r.source}`)),
              ...(r.importId !== null
                ? [
                    fact('col.import', {
                      text: `#${r.importId} / ${r.importRow ?? ''}`,
                      href: `/accounts/imports/${r.importId}`,
                    }),
                  ]
                : []),
              fact('col.upn', code(r.upn)),
              fact('col.userId', code(r.userId)),
              ...(r.kind === 'group-create' ? [fact('col.groupNickname', code(r.groupNickname))] : []),
              fact('col.id', code(r.id)),
              fact('col.created', timeCell(r.createdAt)),
              fact('col.decidedBy', r.decidedBy ?? ''),
              fact('col.decidedAt', timeCell(r.decidedAt)),
              fact('col.finished', timeCell(r.finishedAt)),
              fact('col.attempts', String(r.attempts)),
              fact('col.problem', problemText(r)),
              fact('col.expires', timeCell(r.expiresAt)),
              fact('col.expiryNotified', timeCell(r.expiryNotifiedAt)),
              fact('col.disabled', timeCell(r.disabledAt)),
              fact('col.deleted', timeCell(r.deletedAt)),
              fact(
                'col.credentialViewed',
                r.credentialViewedAt === null ? req.t('request.notViewed') : timeCell(r.credentialViewedAt),
              ),
              fact('col.locale', r.locale),
            ],
          },
          { kind: 'actions', id: 'actions', buttons: requestButtons(req, r) },
          ...denyForm(req, r),
          {
            kind: 'table',
            id: 'history',
            title: req.t('request.history'),
            columns: [req.t('col.at'), req.t('col.actor'), req.t('col.action'), req.t('col.detail')],
            rows: history.map((h) => ({
              key: String(h.id),
              cells: [timeCell(h.at), h.actor, { text: h.action, code: true }, detailText(h.detail)],
            })),
            empty: req.t('request.noHistory'),
          },
        ],
      };
    },
  };
}
