// The request page behind a verified address: choose an account, a group to join or a new group,
// give one's name, preview the account name, agree, and file. Filing issues a status link, mails it
// ("request received") and sends the browser to the status page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DuplicateRequestError } from '../errors.js';
import { requestReceivedMail, type RequestWhat } from '../mail/compose.js';
import { eligibleTemplates } from '../policy/eligibility.js';
import { normaliseAddress } from '../policy/address.js';
import type { CompiledTemplate } from '../policy/templates.js';
import type { AccountRequest } from '../store/requests.js';
import type { PortalSession } from '../store/portal-sessions.js';
import { type PortalContext, publicLink } from './deps.js';
import { PortalSessionRequiredError } from './errors.js';
import { checkSessionForm, parse, requireSession } from './guard.js';
import type { JoinableGroup } from './joinable-groups.js';
import type { MessageId } from './messages-en.js';
import { pageContext, seeOther, sendMessage, sendPage } from './render.js';
import { readChoice, readRequest } from './request-form.js';
import { type RequestForm, requestBody } from './schemas.js';
import { addressHash } from './send-code.js';
import { PREVIEWS_PER_SESSION, PreviewBudget } from './preview-budget.js';
import { type Preview, previewName } from './upn-preview.js';

const DAY_MS = 86_400_000;
const LIVE = new Set(['pending', 'approved']);

export function requestRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const budget = new PreviewBudget(PREVIEWS_PER_SESSION, ctx.clock);
  const eligibleOf = (session: PortalSession) =>
    eligibleTemplates(normaliseAddress(session.address), ctx.templates);

  const joinable = async (req: FastifyRequest): Promise<JoinableGroup[]> => {
    try {
      return await ctx.groups.list();
    } catch (e) {
      req.log.warn({ err: { code: (e as { code?: string }).code } }, 'joinable groups unreadable');
      return [];
    }
  };

  async function showForm(
    req: FastifyRequest,
    reply: FastifyReply,
    session: PortalSession,
    form: RequestForm,
    extra: { problems?: MessageId[]; preview?: Preview; status?: number } = {},
  ) {
    const page = pageContext(req);
    const eligible = eligibleOf(session);
    const groups = await joinable(req);
    return sendPage(req, reply, 'request', {
      ctx: page,
      title: page.t('request.title'),
      status: extra.status ?? 200,
      data: {
        address: session.address,
        csrf: session.csrfToken,
        templates: eligible.map((t) => ({
          value: `account:${t.config.name}`,
          title: t.config.title ?? t.config.name,
        })),
        groups: groups.map((g) => ({ value: `join:${g.id}`, name: g.name })),
        allowCreate: ctx.config.groups.allowCreate,
        form: {
          choice: form.choice ?? '',
          given: (form.given ?? '').slice(0, 300),
          surname: (form.surname ?? '').slice(0, 300),
          groupName: (form.groupName ?? '').slice(0, 300),
          groupKind: form.groupKind ?? 'm365',
          groupDescription: (form.groupDescription ?? '').slice(0, 1024),
          consent: form.consent === 'yes',
        },
        problems: (extra.problems ?? []).map((p) => page.t(p)),
        preview: extra.preview,
      },
    });
  }

  app.get('/request', async function requestPage(req, reply) {
    let session: PortalSession;
    try {
      session = await requireSession(req, ctx);
    } catch (e) {
      if (e instanceof PortalSessionRequiredError) return seeOther(reply, '/accounts');
      throw e;
    }
    return showForm(req, reply, session, {});
  });

  app.post('/request', async function requestForm(req, reply) {
    const session = await requireSession(req, ctx);
    const form = parse(requestBody, req.body, 'request');
    checkSessionForm(req, ctx, session, form._csrf);
    const eligible = eligibleOf(session);
    if (form.action === 'preview') return preview(req, reply, session, form, eligible);
    const read = readRequest(form, eligible, ctx);
    if (read.problems.length > 0 || !read.request || !read.template)
      return showForm(req, reply, session, form, { problems: read.problems, status: 400 });
    const page = pageContext(req);
    const mine = await ctx.requests.byAddress(session.address);
    const r = read.request;
    if (r.kind !== 'account' && mine.some((m) => LIVE.has(m.state) && sameGroup(m, r)))
      return duplicate(req, reply);
    let filed: AccountRequest;
    try {
      filed = await ctx.requests.file(
        { ...r, address: session.address, locale: page.locale, source: 'portal' },
        'person',
      );
    } catch (e) {
      if (e instanceof DuplicateRequestError) return duplicate(req, reply);
      throw e;
    }
    const token = await ctx.statusLinks.issue(session.address, ctx.config.retention.requestDays * DAY_MS);
    const statusLink = publicLink(ctx, `accounts/status/${token}`);
    try {
      await ctx.mailer.send(
        requestReceivedMail(page.locale, {
          to: session.address,
          what: what(filed, read.template, await joinable(req)),
          approvalRequired: !r.approved,
          ...(statusLink ? { statusLink } : {}),
        }),
      );
    } catch (e) {
      // The request is filed and the page shows its status: a lost notice is logged, not an error page.
      req.log.warn(
        { err: { code: (e as { code?: string }).code }, requestId: filed.id },
        'request-received mail failed',
      );
    }
    req.log.info(
      { addressHash: addressHash(session.address), requestId: filed.id, kind: filed.kind },
      'accounts request filed',
    );
    return seeOther(reply, `/accounts/status/${token}`);
  });

  async function preview(
    req: FastifyRequest,
    reply: FastifyReply,
    session: PortalSession,
    form: RequestForm,
    eligible: readonly CompiledTemplate[],
  ) {
    const choice =
      readChoice(form.choice, eligible, ctx) ??
      (eligible[0] ? { kind: 'account' as const, template: eligible[0] } : undefined);
    if (choice?.kind !== 'account') return showForm(req, reply, session, form);
    // Over the budget the preview still shows the policy's name, without asking the directory.
    const lookups = budget.take(session.csrfToken, session.expiresAt);
    const p = await previewName(
      lookups ? ctx.graph : undefined,
      choice.template,
      { given: form.given ?? '', surname: form.surname ?? '' },
      (e) => req.log.warn({ err: { code: (e as { code?: string }).code } }, 'UPN preview look-up failed'),
    );
    return showForm(
      req,
      reply,
      session,
      form,
      p.ok ? { preview: p } : { problems: ['request.nameUnusable'] },
    );
  }

  function duplicate(req: FastifyRequest, reply: FastifyReply) {
    const page = pageContext(req);
    return sendMessage(req, reply, {
      ctx: page,
      title: page.t('request.duplicate.title'),
      text: page.t('request.duplicate.body'),
      status: 409,
    });
  }
}

function sameGroup(m: AccountRequest, r: { kind: string; groupId?: string; groupName?: string }): boolean {
  if (m.kind !== r.kind) return false;
  return r.kind === 'group-join' ? m.groupId === r.groupId : m.groupName === r.groupName;
}

function what(r: AccountRequest, t: CompiledTemplate, groups: readonly JoinableGroup[]): RequestWhat {
  if (r.kind === 'account') return { kind: 'account', title: t.config.title ?? t.config.name };
  if (r.kind === 'group-join')
    return { kind: 'group-join', group: groups.find((g) => g.id === r.groupId)?.name ?? r.groupId ?? '' };
  return { kind: 'group-create', group: r.groupName ?? '' };
}
