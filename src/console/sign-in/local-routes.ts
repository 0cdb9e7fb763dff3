// The break-glass sign-in (user name and password against the hash file, behind the shared throttle
// and a same-origin check plus the login token) and sign-out, here or everywhere.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CSRF_FIELD,
  CSRF_HEADER,
  CsrfError,
  checkCsrf,
  checkSameOrigin,
  clearSessionCookie,
  csrfMatches,
  readSessionCookie,
  serializeSessionCookie,
  userNameKey,
} from '../../platform/web-session/index.js';
import type { SignInContext } from './auth.js';
import { cookieMatches, readCookie } from './browser-cookies.js';
import { BadCredentialsError, MethodOffError } from './errors.js';
import { verifyPassword } from './password.js';
import { errorDetail, record, refuse } from './respond.js';
import { formOf, sourceOf } from './request-info.js';
import { safeReturnPath } from './return-path.js';

/** Form bodies of these routes are a few fields; anything larger is refused before parsing. */
const BODY_LIMIT = 8 * 1024;
const MAX_USER = 256;

export async function localRoutes(app: FastifyInstance, opts: { ctx: SignInContext }): Promise<void> {
  const { ctx } = opts;

  app.post('/sign-in/local', { bodyLimit: BODY_LIMIT }, async function breakGlassSignIn(req, reply) {
    const form = formOf(req.body);
    const user = (form.user ?? '').slice(0, MAX_USER);
    try {
      const bg = ctx.breakGlass;
      if (!bg) throw new MethodOffError('break-glass');
      checkSameOrigin(req, ctx.origin());
      if (!readCookie(req.headers.cookie, 'login', ctx.mode())) throw new CsrfError('missing');
      if (!cookieMatches(req.headers.cookie, 'login', ctx.mode(), form[CSRF_FIELD]))
        throw new CsrfError('mismatch');
      const { ip, userAgent } = sourceOf(req);
      const ticket = await ctx.throttle.begin({ ip, userName: user });
      // Both checks always run, so the time taken says nothing about which one failed.
      const nameOk = csrfMatches(userNameKey(bg.user), userNameKey(user));
      const passwordOk = await verifyPassword(bg.hash, form.password ?? '');
      if (!nameOk || !passwordOk) throw new BadCredentialsError();
      await ctx.throttle.succeeded(ticket);
      const subject = `local:${bg.user}`;
      const created = await ctx.sessions.create({ subject, name: bg.user, roles: ['admin'], ip, userAgent });
      await record(ctx, req, {
        action: 'console.sign-in',
        outcome: 'success',
        actor: { subject, name: bg.user },
        detail: { method: 'break-glass', roles: ['admin'] },
      });
      return reply
        .header('cache-control', 'no-store')
        .header(
          'set-cookie',
          serializeSessionCookie(created.id, {
            mode: ctx.mode(),
            expiresAt: created.expiresAt,
            now: ctx.clock(),
          }),
        )
        .redirect(safeReturnPath(form.return), 303);
    } catch (e) {
      // The user name as typed goes to the audit (cut short): people type passwords there, so it is
      // stored only as the throttle's hash.
      await record(ctx, req, {
        action: 'console.sign-in',
        outcome: 'failure',
        target: user === '' ? undefined : `user-key:${userNameKey(user).slice(0, 16)}`,
        detail: { method: 'break-glass', ...errorDetail(e) },
      });
      return refuse(req, reply, e);
    }
  });

  const signOut = (everywhere: boolean) =>
    async function signOutRoute(req: FastifyRequest, reply: import('fastify').FastifyReply) {
      const action = everywhere ? 'console.sign-out-everywhere' : 'console.sign-out';
      const form = formOf(req.body);
      const id = readSessionCookie(req.headers.cookie, ctx.mode());
      try {
        checkSameOrigin(req, ctx.origin());
        const session = await ctx.sessions.requireSession(id);
        const header = req.headers[CSRF_HEADER];
        checkCsrf(session, form[CSRF_FIELD] ?? (typeof header === 'string' ? header : undefined));
        const ended = everywhere
          ? await ctx.sessions.revokeSubject(session.subject)
          : Number(await ctx.sessions.revoke(id ?? ''));
        await record(ctx, req, {
          action,
          outcome: 'success',
          actor: { subject: session.subject, name: session.name },
          detail: { sessionsEnded: ended },
        });
        return reply
          .header('cache-control', 'no-store')
          .header('set-cookie', clearSessionCookie(ctx.mode()))
          .redirect(`/sign-in?why=${everywhere ? 'signed-out-everywhere' : 'signed-out'}`, 303);
      } catch (e) {
        await record(ctx, req, { action, outcome: 'denied', detail: errorDetail(e) });
        return refuse(req, reply, e);
      }
    };
  app.post('/sign-out', { bodyLimit: BODY_LIMIT }, signOut(false));
  app.post('/sign-out/everywhere', { bodyLimit: BODY_LIMIT }, signOut(true));
}
