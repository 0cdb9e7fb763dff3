// The sign-in routes as one encapsulated Fastify plugin: the sign-in page, then the Entra and the
// break-glass routes and sign-out. Its own form parser and error page, so the console shell's
// settings neither reach in nor depend on it.
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { readSessionCookie } from '../../platform/web-session/index.js';
import type { SignInContext } from './auth.js';
import { readCookie, setCookie } from './browser-cookies.js';
import { entraRoutes } from './entra-routes.js';
import { localRoutes } from './local-routes.js';
import { signInPage, WHYS, type Why } from './pages.js';
import { refuse, sendPage } from './respond.js';
import { localeOfRequest, queryParam } from './request-info.js';
import { safeReturnPath } from './return-path.js';
import { newToken } from './tokens.js';

export async function signInRoutes(app: FastifyInstance, opts: { ctx: SignInContext }): Promise<void> {
  const { ctx } = opts;
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
  app.setErrorHandler(function signInError(err, req, reply) {
    return refuse(req, reply, err);
  });

  app.get('/sign-in', async function signInPageRoute(req, reply) {
    const returnPath = safeReturnPath(queryParam(req, 'return'));
    const whyParam = queryParam(req, 'why');
    const why = WHYS.includes(whyParam as Why) ? (whyParam as Why) : undefined;
    // Someone signed in already goes on, unless the page is to say why they were signed out.
    if (why === undefined || why === 'required') {
      const live = await ctx.sessions.get(readSessionCookie(req.headers.cookie, ctx.mode()));
      if (live) return reply.code(303).header('cache-control', 'no-store').redirect(returnPath, 303);
    }
    let loginToken = '';
    if (ctx.breakGlass) {
      // One token per browser for the page's hour: two open sign-in tabs both still work.
      loginToken = readCookie(req.headers.cookie, 'login', ctx.mode()) ?? newToken();
      void reply.header('set-cookie', setCookie('login', ctx.mode(), loginToken));
    }
    return sendPage(
      reply,
      200,
      signInPage({
        locale: localeOfRequest(req),
        why,
        entra: ctx.entra ? { tenant: ctx.entra.tenant.name } : undefined,
        breakGlass: ctx.breakGlass !== undefined,
        loginToken,
        returnPath,
      }),
    );
  });

  await app.register(entraRoutes, { ctx });
  await app.register(localRoutes, { ctx });
}
