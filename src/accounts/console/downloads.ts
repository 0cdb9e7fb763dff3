// The accounts CSV downloads: the requests (filtered like the list) and one import's per-row results.
// Both need `accounts.admin` (a file of names and addresses leaves the console with them) and are
// written by csv/write.ts: byte order mark for Excel, RFC 4180 quoting, formula cells defused.
import type { ConsoleDownload } from '../../platform/feature/console.js';
import { csvFile } from '../csv/write.js';
import type { AccountRequest } from '../store/request-row.js';
import type { AccountsConsoleDeps } from './deps.js';
import { AccountsConsoleError } from './errors.js';
import { importParams, parse, requestsQuery } from './params.js';

/** Rows at most in one export; more are left out and the last line says so. */
export const MAX_EXPORT_ROWS = 100_000;
const CHUNK = 1000;
const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

const REQUEST_COLUMNS = [
  'id',
  'created',
  'state',
  'step',
  'kind',
  'template',
  'group',
  'given_name',
  'surname',
  'email',
  'upn',
  'source',
  'import',
  'import_row',
  'decided_by',
  'decided',
  'finished',
  'expires',
  'reason',
  'error',
];

const requestCells = (r: AccountRequest) => [
  r.id,
  iso(r.createdAt),
  r.state,
  r.step ?? '',
  r.kind,
  r.template,
  r.groupName ?? r.groupId ?? '',
  r.givenName,
  r.surname,
  r.address,
  r.upn ?? '',
  r.source,
  r.importId ?? '',
  r.importRow ?? '',
  r.decidedBy ?? '',
  iso(r.decidedAt),
  iso(r.finishedAt),
  iso(r.expiresAt),
  r.reason ?? '',
  r.error ?? '',
];

export function accountsDownloads(d: AccountsConsoleDeps): ConsoleDownload[] {
  return [
    {
      path: '/accounts/export.csv',
      needs: 'accounts.admin',
      audit: 'accounts.export',
      async render(req) {
        const q = parse(requestsQuery, req.query, req, 'query');
        const search = q.q?.trim() ?? '';
        const rows: AccountRequest[] = [];
        let before = q.before;
        for (;;) {
          const page = await d.requests.page({
            ...(q.state ? { state: q.state } : {}),
            ...(search ? { search } : {}),
            ...(before ? { before } : {}),
            limit: CHUNK,
          });
          rows.push(...page.slice(0, MAX_EXPORT_ROWS - rows.length));
          const last = page.at(-1);
          if (page.length < CHUNK || !last || rows.length >= MAX_EXPORT_ROWS) break;
          before = { createdAt: last.createdAt, id: last.id };
        }
        const stamp = new Date((d.clock ?? Date.now)()).toISOString().slice(0, 10);
        return {
          filename: `accounts-requests-${stamp}${q.state ? `-${q.state}` : ''}.csv`,
          contentType: 'text/csv; charset=utf-8',
          body: csvFile(REQUEST_COLUMNS, rows.map(requestCells)),
          target: 'requests',
          detail: {
            rows: rows.length,
            ...(q.state ? { state: q.state } : {}),
            ...(search ? { search: true } : {}),
          },
        };
      },
    },
    {
      path: '/accounts/imports/:id/results.csv',
      needs: 'accounts.admin',
      audit: 'accounts.import.results',
      async render(req) {
        const { id } = parse(importParams, req.params, req, 'id');
        const imp = await d.imports.get(id);
        if (!imp)
          throw new AccountsConsoleError('IMPORT_NOT_FOUND', req.t('error.importMissing', { id }), { id });
        const lines: Array<Array<string | number>> = [];
        let after = 0;
        for (;;) {
          const page = await d.imports.results(id, { afterRow: after, limit: CHUNK });
          for (const r of page)
            lines.push(
              'refusal' in r
                ? [r.row, r.refusal.address ?? '', 'refused', r.refusal.code, r.refusal.message, '', '']
                : [
                    r.row,
                    r.request.address,
                    r.request.state,
                    '',
                    problemOf(r.request),
                    r.request.upn ?? '',
                    r.request.id,
                  ],
            );
          const last = page.at(-1);
          if (page.length < CHUNK || !last) break;
          after = last.row;
        }
        return {
          filename: `accounts-import-${id}-results.csv`,
          contentType: 'text/csv; charset=utf-8',
          body: csvFile(['row', 'email', 'outcome', 'code', 'message', 'upn', 'request'], lines),
          target: `import:${id}`,
          detail: { rows: lines.length },
        };
      },
    },
  ];
}

const problemOf = (r: AccountRequest) => [r.reason, r.error].filter((x) => x).join(' — ');
