// `/accounts/imports/:id`: one import as a job: how far provisioning is with its accepted rows (done
// and failed of accepted), its requests per state, and every row's result in row order: refused with
// the code and why, or the request it became with its state, UPN and failure. Live while rows wait.
import type { Cell, ConsolePageRoute } from '../../platform/feature/console.js';
import { REQUEST_STATES } from '../model/request.js';
import { problemText, requestHref, stateCell, timeCell } from './cells.js';
import type { AccountsConsoleDeps } from './deps.js';
import { AccountsConsoleError } from './errors.js';
import { importParams, importQuery, parse } from './params.js';

const RESULTS_PAGE = 200;

export function importPage(d: AccountsConsoleDeps): ConsolePageRoute {
  return {
    path: '/accounts/imports/:id',
    async render(req) {
      const { id } = parse(importParams, req.params, req, 'id');
      const q = parse(importQuery, req.query, req, 'query');
      const imp = await d.imports.get(id);
      if (!imp)
        throw new AccountsConsoleError('IMPORT_NOT_FOUND', req.t('error.importMissing', { id }), { id });
      const [states, results] = await Promise.all([
        d.requests.counts({ importId: id }),
        d.imports.results(id, { ...(q.after ? { afterRow: q.after } : {}), limit: RESULTS_PAGE + 1 }),
      ]);
      const accepted = REQUEST_STATES.reduce((n, s) => n + states[s], 0);
      const finished = states.done + states.failed + states.denied + states.cancelled;
      const shown = results.slice(0, RESULTS_PAGE);
      const last = shown.at(-1);
      const waiting = states.approved + states.pending;
      return {
        title: req.t('import.title', { id }),
        live: waiting > 0,
        blocks: [
          {
            kind: 'progress',
            id: 'progress',
            label: req.t('import.progress'),
            value: finished,
            max: accepted,
            tone: states.failed > 0 ? 'warn' : waiting > 0 ? 'info' : 'ok',
          },
          {
            kind: 'facts',
            id: 'import',
            title: req.t('import.facts'),
            items: [
              { label: req.t('col.file'), value: imp.fileName },
              { label: req.t('col.createdBy'), value: imp.createdBy },
              { label: req.t('col.created'), value: timeCell(imp.createdAt) },
              { label: req.t('col.template'), value: imp.template },
              { label: req.t('col.rows'), value: String(imp.rows) },
              { label: req.t('col.accepted'), value: String(imp.accepted) },
              { label: req.t('col.refused'), value: String(imp.refused) },
              ...REQUEST_STATES.filter((s) => states[s] > 0).map((s) => ({
                label: req.t(`state.${s}`),
                value: String(states[s]),
              })),
              {
                label: req.t('import.download'),
                value: { text: req.t('export.link'), href: `/accounts/imports/${id}/results.csv` },
              },
            ],
          },
          {
            kind: 'table',
            id: 'results',
            title: req.t('import.results'),
            columns: [
              req.t('col.row'),
              req.t('col.address'),
              req.t('col.outcome'),
              req.t('col.upn'),
              req.t('col.problem'),
            ],
            rows: shown.map((r) => {
              const cells: Cell[] =
                'refusal' in r
                  ? [
                      String(r.row),
                      r.refusal.address ?? '',
                      { text: req.t('import.refused'), tone: 'bad' },
                      '',
                      { list: [{ text: r.refusal.code, code: true }, r.refusal.message] },
                    ]
                  : [
                      { text: String(r.row), href: requestHref(r.request.id) },
                      r.request.address,
                      stateCell(req, r.request.state),
                      r.request.upn ? { text: r.request.upn, code: true } : '',
                      problemText(r.request),
                    ];
              return { key: String(r.row), cells };
            }),
            empty: req.t('import.noRows'),
            ...(results.length > RESULTS_PAGE && last
              ? { next: `/accounts/imports/${id}?after=${last.row}` }
              : {}),
          },
        ],
      };
    },
  };
}
