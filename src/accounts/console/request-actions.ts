// The buttons and the deny form a request gets in its state: approve and deny while pending, retry
// once failed. Each needs `accounts.admin`; the console leaves them out for others.
import type { ActionButton, Block, ConsoleRequest } from '../../platform/feature/console.js';
import type { AccountRequest } from '../store/request-row.js';
import { requestHref } from './cells.js';
import { REASON_MAX } from './params.js';

export function requestButtons(req: ConsoleRequest, r: AccountRequest): ActionButton[] {
  const base = requestHref(r.id);
  if (r.state === 'pending')
    return [
      {
        path: `${base}/approve`,
        label: req.t('action.approve'),
        needs: 'accounts.admin',
        confirm: req.t('action.approveConfirm', { person: `${r.givenName} ${r.surname}` }),
      },
    ];
  if (r.state === 'failed')
    return [{ path: `${base}/retry`, label: req.t('action.retry'), needs: 'accounts.admin' }];
  return [];
}

export function denyForm(req: ConsoleRequest, r: AccountRequest): Block[] {
  if (r.state !== 'pending') return [];
  return [
    {
      kind: 'form',
      id: 'deny',
      title: req.t('deny.title'),
      path: `${requestHref(r.id)}/deny`,
      needs: 'accounts.admin',
      submit: req.t('action.deny'),
      fields: [
        {
          kind: 'textarea',
          name: 'reason',
          label: req.t('deny.reason'),
          required: true,
          maxLength: REASON_MAX,
          hint: req.t('deny.hint'),
        },
      ],
    },
  ];
}
