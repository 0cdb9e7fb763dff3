// How the accounts pages show a request's parts: its state as a coloured badge, the person, the kind
// with its template or group, times as <time>, and the query string of the list's filters.
import type { Block, Cell, ConsoleRequest, Tone } from '../../platform/feature/console.js';
import type { RequestState } from '../model/request.js';
import type { AccountRequest } from '../store/request-row.js';

const TONES: Readonly<Record<RequestState, Tone>> = {
  pending: 'warn',
  approved: 'info',
  done: 'ok',
  failed: 'bad',
  denied: 'muted',
  cancelled: 'muted',
};

export const stateCell = (req: ConsoleRequest, state: RequestState): Cell => ({
  text: req.t(`state.${state}`),
  tone: TONES[state],
});

export const timeCell = (ms: number | null): Cell =>
  ms === null ? '' : { text: new Date(ms).toISOString(), time: true };

export const personText = (r: AccountRequest): string => `${r.givenName} ${r.surname}`.trim();

export const requestHref = (id: string): string => `/accounts/requests/${encodeURIComponent(id)}`;

export function kindText(req: ConsoleRequest, r: AccountRequest): string {
  const kind = req.t(`kind.${r.kind}`);
  if (r.kind === 'account') return `${kind}: ${r.template}`;
  return `${kind}: ${r.groupName ?? r.groupId ?? ''}`;
}

export const stepText = (req: ConsoleRequest, r: AccountRequest): string =>
  r.state === 'approved' && r.step ? req.t(`step.${r.step}`) : '';

/** The reason an administrator gave, or the failure; the error code in front of it. */
export const problemText = (r: AccountRequest): string =>
  [r.reason, r.error].filter((x): x is string => x !== null && x !== '').join(' — ');

/** `?state=…&q=…` of the list's filters (with more parameters), or '' when none. */
export function listQuery(
  filters: { state?: string; q?: string },
  more: Record<string, string> = {},
): string {
  const p = new URLSearchParams();
  if (filters.state) p.set('state', filters.state);
  if (filters.q) p.set('q', filters.q);
  for (const [k, v] of Object.entries(more)) p.set(k, v);
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}

/** The accounts pages, linked at the top of each: the console's navigation has one entry for all. */
export function sectionLinks(req: ConsoleRequest): Block {
  const link = (path: string, id: string) => ({
    label: req.t(`${id}.title`),
    value: { text: path, href: path },
  });
  return {
    kind: 'facts',
    id: 'accounts-pages',
    items: [
      link('/accounts', 'requests'),
      link('/accounts/imports', 'imports'),
      link('/accounts/audit', 'audit'),
      link('/accounts/expiry', 'expiry'),
    ],
  };
}
