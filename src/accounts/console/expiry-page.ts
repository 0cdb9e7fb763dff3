// `/accounts/expiry`: accounts whose lifetime ends within 60 days, and those already disabled and
// waiting for deletion after the grace period, with the schedule the expiry unit keeps.
import type { ConsolePageRoute } from '../../platform/feature/console.js';
import { personText, requestHref, timeCell, sectionLinks } from './cells.js';
import type { AccountsConsoleDeps } from './deps.js';

const DAY = 86_400_000;
const HORIZON_DAYS = 60;
const LIMIT = 500;

export function expiryPage(d: AccountsConsoleDeps): ConsolePageRoute {
  return {
    path: '/accounts/expiry',
    async render(req) {
      const now = (d.clock ?? Date.now)();
      const e = d.config.expiry;
      const rows = await d.requests.expiring(now + HORIZON_DAYS * DAY, LIMIT);
      const disabled = rows.filter((r) => r.disabledAt !== null);
      const coming = rows.filter((r) => r.disabledAt === null);
      const person = (r: (typeof rows)[number]) => ({ text: personText(r) || r.id, href: requestHref(r.id) });
      return {
        title: req.t('expiry.title'),
        blocks: [
          sectionLinks(req),
          {
            kind: 'facts',
            id: 'schedule',
            title: req.t('expiry.schedule'),
            items: [
              {
                label: req.t('expiry.notifyDaysBefore'),
                value: req.t('expiry.days', { n: e.notifyDaysBefore }),
              },
              { label: req.t('expiry.graceDays'), value: req.t('expiry.days', { n: e.graceDays }) },
              { label: req.t('expiry.interval'), value: req.t('expiry.minutes', { n: e.intervalMinutes }) },
              {
                label: req.t('expiry.templates'),
                value: {
                  list: d.config.templates.map((t) =>
                    t.accountLifetimeDays === undefined
                      ? req.t('expiry.templateNever', { name: t.name })
                      : req.t('expiry.templateDays', { name: t.name, n: t.accountLifetimeDays }),
                  ),
                },
              },
            ],
          },
          {
            kind: 'table',
            id: 'expiring',
            title: req.t('expiry.coming', { n: HORIZON_DAYS }),
            columns: [
              req.t('col.person'),
              req.t('col.address'),
              req.t('col.upn'),
              req.t('col.expires'),
              req.t('col.expiryNotified'),
            ],
            rows: coming.map((r) => ({
              key: r.id,
              cells: [
                person(r),
                r.address,
                r.upn ? { text: r.upn, code: true } : '',
                timeCell(r.expiresAt),
                timeCell(r.expiryNotifiedAt),
              ],
            })),
            empty: req.t('expiry.noneComing'),
          },
          {
            kind: 'table',
            id: 'disabled',
            title: req.t('expiry.disabled'),
            columns: [
              req.t('col.person'),
              req.t('col.address'),
              req.t('col.upn'),
              req.t('col.disabled'),
              req.t('expiry.deleteAt'),
            ],
            rows: disabled.map((r) => ({
              key: r.id,
              cells: [
                person(r),
                r.address,
                r.upn ? { text: r.upn, code: true } : '',
                timeCell(r.disabledAt),
                timeCell((r.disabledAt ?? 0) + e.graceDays * DAY),
              ],
            })),
            empty: req.t('expiry.noneDisabled'),
            ...(rows.length >= LIMIT ? { hint: req.t('expiry.limited', { n: LIMIT }) } : {}),
          },
        ],
      };
    },
  };
}
