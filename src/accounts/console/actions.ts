// The accounts actions: approve, deny (with the administrator's reason) and retry a request, and
// upload a bulk import. The console checks the role (`accounts.admin`), CSRF and origin before run()
// and writes its own audit entry; the requests store writes the feature's (accounts_audit) in the
// same transaction as the change, so two administrators acting at once get one winner and one
// GSOC_ACCOUNTS_REQUEST_STATE refusal.
import type { ConsoleActionRoute, ConsoleRequest } from '../../platform/feature/console.js';
import { MAX_CSV_BYTES } from '../csv/parse.js';
import { runImport } from '../imports/run-import.js';
import type { CompiledTemplate } from '../policy/templates.js';
import { requestHref } from './cells.js';
import type { AccountsConsoleDeps } from './deps.js';
import { AccountsConsoleError } from './errors.js';
import { denyBody, importBody, parse, requestParams } from './params.js';

export function accountsActions(
  d: AccountsConsoleDeps,
  templates: ReadonlyMap<string, CompiledTemplate>,
): ConsoleActionRoute[] {
  const idOf = (req: ConsoleRequest) => parse(requestParams, req.params, req, 'id').id;
  return [
    {
      path: '/accounts/requests/:id/approve',
      needs: 'accounts.admin',
      audit: 'accounts.request.approve',
      async run(req) {
        const r = await d.requests.approve(idOf(req), req.user.name);
        return {
          message: req.t('action.approved', { person: `${r.givenName} ${r.surname}` }),
          redirect: requestHref(r.id),
          target: `request:${r.id}`,
        };
      },
    },
    {
      path: '/accounts/requests/:id/deny',
      needs: 'accounts.admin',
      audit: 'accounts.request.deny',
      async run(req) {
        const id = idOf(req);
        const { reason } = parse(denyBody, req.body ?? {}, req, 'reason');
        const r = await d.requests.deny(id, req.user.name, reason);
        return {
          message: req.t('action.denied', { person: `${r.givenName} ${r.surname}` }),
          redirect: requestHref(r.id),
          target: `request:${r.id}`,
        };
      },
    },
    {
      path: '/accounts/requests/:id/retry',
      needs: 'accounts.admin',
      audit: 'accounts.request.retry',
      async run(req) {
        const r = await d.requests.retry(idOf(req), req.user.name);
        return {
          message: req.t('action.retried', { person: `${r.givenName} ${r.surname}` }),
          redirect: requestHref(r.id),
          target: `request:${r.id}`,
        };
      },
    },
    {
      path: '/accounts/imports',
      needs: 'accounts.admin',
      audit: 'accounts.import',
      upload: { maxBytes: MAX_CSV_BYTES },
      async run(req) {
        const { template } = parse(importBody, req.body ?? {}, req, 'template');
        if (!templates.has(template))
          throw new AccountsConsoleError(
            'CONSOLE_BAD_REQUEST',
            req.t('error.badRequest', { what: 'template' }),
            { what: 'template' },
          );
        const file = (req.files ?? []).find((f) => f.field === 'file');
        if (!file) throw new AccountsConsoleError('IMPORT_NO_FILE', req.t('error.noFile'));
        const s = await runImport(
          { requests: d.requests, imports: d.imports, templates },
          { data: file.data, fileName: file.filename, template, by: req.user.name },
        );
        return {
          message: req.t('action.imported', {
            id: s.id,
            rows: s.rows,
            accepted: s.accepted,
            refused: s.refused,
          }),
          tone: s.refused > 0 ? 'warn' : 'ok',
          redirect: `/accounts/imports/${s.id}`,
          target: `import:${s.id}`,
          detail: { rows: s.rows, accepted: s.accepted, refused: s.refused, template },
        };
      },
    },
  ];
}
