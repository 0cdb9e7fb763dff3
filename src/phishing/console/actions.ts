// The phishing actions: Release (what `graphsoc phishing release` does) and Re-analyse (back to the
// analysis step from the kept MIME). The console checks the role, CSRF and origin before run() and
// writes the audit entry; each store call is one conditional statement, so two operators, or an
// operator and a worker, never both change a report.
import type { ConsoleActionRoute, ConsoleRequest } from '../../platform/feature/console.js';
import { tOf } from './cells.js';
import type { PhishingConsoleDeps } from './deps.js';
import { PhishingConsoleError } from './errors.js';
import { parse, reportParams } from './params.js';

export function phishingActions(d: PhishingConsoleDeps): ConsoleActionRoute[] {
  return [
    {
      path: '/phishing/reports/:id/release',
      needs: 'report.release',
      audit: 'phishing.report.release',
      async run(req) {
        const { id, t } = target(req);
        if (!(await d.reports.release(id))) {
          if (!(await d.reports.get(id)))
            throw new PhishingConsoleError('NOT_FOUND', t('error.reportMissing', { id }), { id });
          throw new PhishingConsoleError('NOT_QUARANTINED', t('error.notQuarantined', { id }), { id });
        }
        return {
          message: t('action.released', { id }),
          tone: 'ok',
          redirect: `/phishing/reports/${id}`,
          target: `report:${id}`,
        };
      },
    },
    {
      path: '/phishing/reports/:id/reanalyse',
      needs: 'report.reanalyse',
      audit: 'phishing.report.reanalyse',
      async run(req) {
        const { id, t } = target(req);
        const outcome = await d.reports.reanalyse(id);
        if (outcome === 'missing')
          throw new PhishingConsoleError('NOT_FOUND', t('error.reportMissing', { id }), { id });
        if (outcome === 'in-flight')
          throw new PhishingConsoleError('IN_FLIGHT', t('error.inFlight', { id }), { id });
        if (outcome === 'mime-gone')
          throw new PhishingConsoleError('MIME_GONE', t('error.mimeGone', { id }), { id });
        return {
          message: t('action.reanalysing', { id }),
          tone: 'ok',
          redirect: `/phishing/reports/${id}`,
          target: `report:${id}`,
        };
      },
    },
  ];
}

function target(req: ConsoleRequest) {
  return { id: parse(reportParams, req.params, req, 'id').id, t: tOf(req) };
}
