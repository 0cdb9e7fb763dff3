// The start page (what this is, what is stored for how long, what can be asked for, one address
// field) and its form: the address is normalised and checked against the templates, then a code is
// sent and the browser sent on to the page where it is typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AddressInvalidError, AddressNotEligibleError } from '../errors.js';
import { checkEligibility } from '../policy/eligibility.js';
import type { PortalContext } from './deps.js';
import { checkOrigin, parse } from './guard.js';
import type { MessageId } from './messages-en.js';
import { pageContext, seeOther, sendMessage, sendPage } from './render.js';
import { startBody } from './schemas.js';
import { sendCode } from './send-code.js';

/**
 * How long a code row is kept, in minutes: until its link expires and it left both rate-limit
 * windows (the purge deletes it then).
 */
export function codeMinutes(ctx: Pick<PortalContext, 'config'>): number {
  const c = ctx.config;
  const minutes = Math.max(
    c.verification.linkLifetimeMinutes,
    c.verification.codeLifetimeMinutes,
    c.rateLimits.perAddress.windowMinutes,
    c.rateLimits.perIp.windowMinutes,
  );
  return minutes;
}

export function startRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const showStart = (
    req: FastifyRequest,
    reply: FastifyReply,
    form: { address?: string; problem?: string; status?: number } = {},
  ) => {
    const page = pageContext(req);
    const r = ctx.config.retention;
    return sendPage(req, reply, 'start', {
      ctx: page,
      title: page.t('start.title'),
      status: form.status ?? 200,
      data: {
        offers: ctx.templates.map((t) => t.config.title ?? t.config.name),
        codeKept:
          codeMinutes(ctx) < 120
            ? page.t('start.consent.codeMinutes', { minutes: codeMinutes(ctx) })
            : page.t('start.consent.code', { hours: Math.ceil(codeMinutes(ctx) / 60) }),
        days: r.requestDays,
        auditDays: r.auditDays,
        address: form.address ?? '',
        problem: form.problem,
      },
    });
  };

  app.get('/', async function startPage(req, reply) {
    return showStart(req, reply);
  });

  app.post('/start', async function startForm(req, reply) {
    checkOrigin(req, ctx);
    const body = parse(startBody, req.body, 'start');
    const page = pageContext(req);
    let address: string;
    try {
      address = checkEligibility(body.address ?? '', ctx.templates).address.key;
    } catch (e) {
      if (e instanceof AddressInvalidError)
        return showStart(req, reply, {
          address: (body.address ?? '').slice(0, 300),
          problem: page.t(`address.${e.reason}` as MessageId),
          status: 400,
        });
      // Eligibility depends on the address's form only, never on who has accounts: saying so is policy.
      if (e instanceof AddressNotEligibleError)
        return sendMessage(req, reply, {
          ctx: page,
          title: page.t('start.notEligible.title'),
          text: page.t('start.notEligible.body'),
          status: 403,
        });
      throw e;
    }
    const id = await sendCode(req, ctx, { address, purpose: 'request', locale: page.locale });
    return seeOther(reply, `/accounts/verify/${id}`);
  });
}
