// The mails provisioning and expiry send about an account, in the language the person asked in:
// ready (with a new status link, where the first credential waits), expiring (the day it will be
// disabled) and disabled. Each throws when the mail could not be sent, so the step is tried again.
import { type GraphClient, getGroup } from '../../connectors/microsoft/graph/index.js';
import type { AccountsConfig } from '../config.js';
import { disabledMail, expiryMail, type MailLocale, readyMail } from '../mail/compose.js';
import type { Mailer } from '../mail/mailer.js';
import { publicLink } from '../portal/deps.js';
import type { NotifyWhat } from '../provision/index.js';
import type { AccountRequest } from '../store/requests.js';
import type { StatusLinks } from '../store/status-links.js';

const DAY_MS = 86_400_000;

export interface NoticeDeps {
  config: AccountsConfig;
  mailer: Mailer;
  statusLinks: StatusLinks;
  graph: GraphClient;
  /** Base of the status link; without one the mail says it is ready without a link. */
  publicUrl: () => string | undefined;
  clock?: () => number;
}

const localeOf = (r: AccountRequest): MailLocale => (r.locale === 'de' ? 'de' : 'en');

export function accountNotices(d: NoticeDeps): (r: AccountRequest, what: NotifyWhat) => Promise<void> {
  const clock = d.clock ?? Date.now;
  async function statusLink(address: string): Promise<string | undefined> {
    if (d.publicUrl() === undefined) return undefined;
    const token = await d.statusLinks.issue(address, d.config.retention.requestDays * DAY_MS);
    return publicLink(d, `accounts/status/${token}`);
  }
  /** The group a request names, by its display name when Graph still has it. */
  async function groupName(r: AccountRequest): Promise<string | undefined> {
    if (r.groupName !== null) return r.groupName;
    if (r.groupId === null) return undefined;
    return (await getGroup(d.graph, r.groupId).catch(() => undefined))?.displayName ?? undefined;
  }
  return async (r, what) => {
    const locale = localeOf(r);
    const upn = r.upn ?? '';
    if (what === 'ready') {
      const link = await statusLink(r.address);
      await d.mailer.send(
        readyMail(locale, {
          to: r.address,
          ...(r.kind === 'account' ? { upn } : { group: await groupName(r) }),
          ...(link ? { statusLink: link } : {}),
        }),
      );
    } else if (what === 'expiring') {
      await d.mailer.send(expiryMail(locale, { to: r.address, upn, disableAt: r.expiresAt ?? clock() }));
    } else {
      await d.mailer.send(disabledMail(locale, { to: r.address, upn, disabledAt: r.disabledAt ?? clock() }));
    }
  };
}
