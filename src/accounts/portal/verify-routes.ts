// Typing the mailed code, or following the mailed link. A link's GET only shows a Continue button:
// Defender Safe Links and other scanners fetch every link in a mail, and a GET that used the token
// would spend it before the person arrives. Success for `request` starts a portal session (cookie)
// and goes on to the request page; for `credential` it shows the first credential at once.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Verification, VerifiedCode } from '../store/codes.js';
import { showCredential } from './credential-page.js';
import type { PortalContext } from './deps.js';
import { CodeRefusedError } from './errors.js';
import { checkOrigin, parse } from './guard.js';
import { pageContext, seeOther, sendPage } from './render.js';
import { codeIdParams, tokenParams, verifyBody } from './schemas.js';
import { addressHash } from './send-code.js';
import { cookieMode, portalCookie } from './session-cookie.js';

export function verifyRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const showVerify = (req: FastifyRequest, reply: FastifyReply, id: string) => {
    const page = pageContext(req);
    return sendPage(req, reply, 'verify', { ctx: page, title: page.t('verify.title'), data: { id } });
  };

  app.get('/verify/:id', async function verifyPage(req, reply) {
    const { id } = parse(codeIdParams, req.params, 'code id');
    return showVerify(req, reply, id);
  });

  app.post('/verify/:id', async function verifyForm(req, reply) {
    checkOrigin(req, ctx);
    const { id } = parse(codeIdParams, req.params, 'code id');
    const { code } = parse(verifyBody, req.body, 'code');
    const typed = (code ?? '').replace(/[\s-]/g, '').slice(0, 16);
    return verified(req, reply, await ctx.codes.verifyCode(id, typed));
  });

  app.get('/link/:token', async function linkPage(req, reply) {
    const { token } = parse(tokenParams, req.params, 'link');
    const page = pageContext(req);
    const live = await ctx.codes.peekLink(token);
    return sendPage(req, reply, 'link', {
      ctx: page,
      title: page.t('link.title'),
      data: { token, live: live !== undefined },
    });
  });

  app.post('/link/:token', async function linkContinue(req, reply) {
    checkOrigin(req, ctx);
    const { token } = parse(tokenParams, req.params, 'link');
    return verified(req, reply, await ctx.codes.useLink(token));
  });

  async function verified(req: FastifyRequest, reply: FastifyReply, v: Verification): Promise<FastifyReply> {
    if (!v.ok) throw new CodeRefusedError(v.reason);
    req.log.info(
      { addressHash: addressHash(v.code.address), purpose: v.code.purpose },
      'accounts address verified',
    );
    if (v.code.purpose === 'credential') return showCredential(req, reply, ctx, v.code);
    return startSession(req, reply, v.code);
  }

  async function startSession(
    req: FastifyRequest,
    reply: FastifyReply,
    code: VerifiedCode,
  ): Promise<FastifyReply> {
    const { id, session } = await ctx.sessions.create({ address: code.address, purpose: 'request' });
    await ctx.audit.append({
      requestId: null,
      actor: 'person',
      action: 'person.verified',
      detail: { purpose: code.purpose },
    });
    const maxAge = Math.floor((session.expiresAt - ctx.clock()) / 1000);
    reply.header('set-cookie', portalCookie(cookieMode(req, ctx.publicUrl()), id, maxAge));
    return seeOther(reply, '/accounts/request');
  }
}
