// The status page of a mailed link: the address's own requests in words, a cancel button on pending
// ones, and on a done account whose first credential was not shown yet, the button that mails a fresh
// code for it. Its forms carry a token derived from the status token (a hash of it under a fixed
// label): a page on another site cannot know it, and the status token in the URL is needed anyway.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isGsocError } from '../../platform/errors.js';
import { CsrfError } from '../../platform/web-session/index.js';
import type { AccountRequest } from '../store/requests.js';
import { credentialOffered, credentialRequest } from './credential-page.js';
import type { PortalContext } from './deps.js';
import { PortalNotFoundError } from './errors.js';
import { checkOrigin, parse } from './guard.js';
import type { JoinableGroup } from './joinable-groups.js';
import type { MessageId } from './messages-en.js';
import { type PageContext, pageContext, seeOther, sendPage } from './render.js';
import { statusActionBody, tokenParams } from './schemas.js';
import { sendCode } from './send-code.js';

/** The form token of a status page. */
export const statusFormToken = (token: string): string =>
  createHash('sha256').update(`graphsoc-accounts-status-form:${token}`).digest('base64url');

function checkStatusForm(token: string, given: string | undefined): void {
  if (given === undefined || given === '') throw new CsrfError('missing');
  const a = createHash('sha256').update(statusFormToken(token)).digest();
  const b = createHash('sha256').update(given).digest();
  if (!timingSafeEqual(a, b)) throw new CsrfError('mismatch');
}

/** A time as the person reads it, in UTC (the page does not know their zone). */
export function pageTime(locale: string, at: number): string {
  const text = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(at));
  return `${text} UTC`;
}

export function statusRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const resolve = async (req: FastifyRequest) => {
    const { token } = parse(tokenParams, req.params, 'status link');
    const address = await ctx.statusLinks.resolve(token);
    if (address === undefined) throw new PortalNotFoundError();
    return { token, address };
  };

  app.get('/status/:token', async function statusPage(req, reply) {
    const { token, address } = await resolve(req);
    const page = pageContext(req);
    const mine = await ctx.requests.byAddress(address);
    let groups: JoinableGroup[] = [];
    if (mine.some((r) => r.kind === 'group-join')) groups = await ctx.groups.list().catch(() => []);
    return sendPage(req, reply, 'status', {
      ctx: page,
      title: page.t('status.title'),
      data: {
        token,
        csrf: statusFormToken(token),
        rows: mine.map((r) => row(page, r, ctx, groups)),
      },
    });
  });

  app.post('/status/:token/cancel', async function cancelRequest(req, reply) {
    checkOrigin(req, ctx);
    const { token, address } = await resolve(req);
    const body = parse(statusActionBody, req.body, 'cancel');
    checkStatusForm(token, body._csrf);
    try {
      await ctx.requests.cancel(body.request, address);
    } catch (e) {
      // Not pending any more (approved meanwhile) or not this address's: the page shows what it is.
      if (!isGsocError(e) || e.actor !== 'caller') throw e;
    }
    return seeOther(reply, `/accounts/status/${token}`);
  });

  app.post('/status/:token/credential', async function askCredential(req, reply) {
    checkOrigin(req, ctx);
    const { token, address } = await resolve(req);
    const body = parse(statusActionBody, req.body, 'credential');
    checkStatusForm(token, body._csrf);
    const r = await credentialRequest(ctx, body.request, address);
    const locale = pageContext(req).locale;
    const id = await sendCode(req, ctx, { address, purpose: 'credential', requestId: r.id, locale });
    return seeOther(reply, `/accounts/verify/${id}`);
  });
}

function row(page: PageContext, r: AccountRequest, ctx: PortalContext, groups: readonly JoinableGroup[]) {
  const title = ctx.templates.find((t) => t.config.name === r.template)?.config.title ?? r.template;
  const group =
    r.kind === 'group-join'
      ? (groups.find((g) => g.id === r.groupId)?.name ?? r.groupId ?? '')
      : (r.groupName ?? '');
  const reason =
    r.state === 'denied' && r.reason
      ? page.h('reason.denied', { reason: r.reason })
      : r.state === 'failed'
        ? page.h('reason.failed')
        : undefined;
  return {
    id: r.id,
    what: page.h(`kind.${r.kind}` as MessageId, { title, group }),
    state: page.t(`state.${r.state}` as MessageId),
    upn: r.kind === 'account' ? r.upn : null,
    created: pageTime(page.locale, r.createdAt),
    reason,
    cancellable: r.state === 'pending',
    credential: credentialOffered(r),
    credentialShown: r.credentialViewedAt === null ? undefined : pageTime(page.locale, r.credentialViewedAt),
  };
}
