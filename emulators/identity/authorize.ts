// The browser side of user sign-in: GET /{tenant}/oauth2/v2.0/authorize, the sign-in page's form
// (POST /{tenant}/login), and GET /{tenant}/oauth2/v2.0/logout. A sign-in sets a session cookie, so a
// later authorize (prompt=none included) signs the same user in without the page.
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow
// https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#send-a-sign-out-request
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Tenant } from '../directory/state.js';
import type { GraphUser } from '../directory/user-store.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { newGuid } from '../shared/ids.js';
import { type AadstsError, aadstsBody } from './aadsts-errors.js';
import { checkAuthorize, type ReplyTarget } from './authorize-request.js';
import { redirectUriMatches } from './sign-in-apps.js';
import { signInErrors } from './sign-in-errors.js';
import { errorPage, escapeHtml, LISTED_USERS_MAX, signInPage } from './sign-in-page.js';
import { sendToClient } from './sign-in-reply.js';
import { type AuthorizeRequest, PENDING_TTL_MS, type SignedIn, signInOf } from './sign-in-state.js';

export const SESSION_COOKIE = 'ESTSAUTH';

type TenantParams = { Params: { tenant: string } };

export function registerAuthorizeRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const state = signInOf(ctx.state);
  const describe = (err: AadstsError) => String(aadstsBody(err, ctx.urls.login).error_description);

  const showError = (reply: FastifyReply, err: AadstsError) =>
    reply
      .code(200)
      .type('text/html; charset=utf-8')
      .send(errorPage(err, describe(err)));

  const redirectError = (reply: FastifyReply, target: ReplyTarget, err: AadstsError) =>
    sendToClient(reply, target, { error: err.error, error_description: describe(err) });

  /** Issues a code for the signed-in user and sends it to the client. */
  const sendCode = (reply: FastifyReply, request: AuthorizeRequest, who: SignedIn) => {
    const code = state.put(state.codes, '1.', { request, who, issuedAtMs: state.now(), redeemed: false });
    return sendToClient(reply, request, { code });
  };

  const startSession = (reply: FastifyReply, tenantId: string, user: GraphUser): SignedIn => {
    const who = { userId: user.id, authTimeSec: Math.floor(state.now() / 1000), sessionId: newGuid() };
    const cookie = state.put(state.sessions, '', { tenantId, who });
    void reply.header('set-cookie', `${SESSION_COOKIE}=${cookie}; Path=/; Secure; HttpOnly; SameSite=None`);
    return who;
  };

  /** The signed-in user of the request's session in this tenant, if the account still works. */
  const sessionUser = (request: FastifyRequest, tenantId: string) => {
    const session = state.sessions.get(cookieValue(request, SESSION_COOKIE) ?? '');
    if (!session || session.tenantId !== tenantId) return undefined;
    const user = ctx.state.usersOf(tenantId).get(session.who.userId);
    return user && user.accountEnabled !== false ? { user, who: session.who } : undefined;
  };

  const renderPage = (
    reply: FastifyReply,
    tenant: Tenant,
    flowToken: string,
    request: AuthorizeRequest,
    error?: AadstsError,
  ) => {
    const users = ctx.state.usersOf(tenant.id);
    const listed: Array<{ upn: string; name: string }> = [];
    for (let i = 0; i < Math.min(users.size, LISTED_USERS_MAX); i++) {
      const u = users.at(i);
      if (u && typeof u.userPrincipalName === 'string')
        listed.push({ upn: u.userPrincipalName, name: String(u.displayName ?? u.userPrincipalName) });
    }
    const appName = ctx.state.findApp(tenant.id, request.clientId)?.displayName ?? request.clientId;
    return reply
      .code(200)
      .type('text/html; charset=utf-8')
      .send(
        signInPage({
          tenantName: tenant.displayName,
          appName,
          action: `/${encodeURIComponent(tenant.id)}/login`,
          flowToken,
          users: listed,
          loginHint: request.loginHint,
          error: error ? describe(error) : undefined,
        }),
      );
  };

  app.get<TenantParams>('/:tenant/oauth2/v2.0/authorize', async (request, reply) => {
    void reply.header('cache-control', 'no-store, no-cache');
    const check = checkAuthorize(ctx, request.params.tenant, request.query as Record<string, unknown>);
    if (check.kind === 'page') return showError(reply, check.error);
    if (check.kind === 'redirect') return redirectError(reply, check.target, check.error);
    const { request: req, prompt, tenant } = check;
    const hinted = (u: GraphUser) => req.loginHint === undefined || matchesHint(u, req.loginHint);

    const current = sessionUser(request, tenant.id);
    if (prompt === 'none') {
      if (!current || !hinted(current.user)) return redirectError(reply, req, signInErrors.loginRequired());
      return sendCode(reply, req, current.who);
    }
    if (current && hinted(current.user) && prompt !== 'login' && prompt !== 'select_account') {
      return sendCode(reply, req, current.who);
    }
    if (state.autoApproveLoginHint && req.loginHint !== undefined) {
      const user = ctx.state.usersOf(tenant.id).get(req.loginHint);
      if (user && user.accountEnabled !== false)
        return sendCode(reply, req, startSession(reply, tenant.id, user));
    }
    const flowToken = state.put(state.pending, 'f.', { request: req, createdAtMs: state.now() });
    return renderPage(reply, tenant, flowToken, req);
  });

  app.post<TenantParams>('/:tenant/login', async (request, reply) => {
    void reply.header('cache-control', 'no-store, no-cache');
    const form = isForm(request.body) ? request.body : {};
    const flowToken = form.flowToken ?? '';
    const pending = state.pending.get(flowToken);
    const tenant = pending ? ctx.state.tenants.get(pending.request.tenantId) : undefined;
    if (!pending || !tenant || state.now() - pending.createdAtMs > PENDING_TTL_MS) {
      state.pending.delete(flowToken);
      return showError(reply, signInErrors.signInExpired());
    }
    const req = pending.request;
    if (form.action === 'cancel') {
      state.pending.delete(flowToken);
      return redirectError(reply, req, signInErrors.userDeclined());
    }
    const name = (form.account || form.username || '').trim();
    const user = name ? ctx.state.usersOf(tenant.id).get(name) : undefined;
    if (!user)
      return renderPage(
        reply,
        tenant,
        flowToken,
        req,
        signInErrors.userNotFound(tenant.domains[0] ?? tenant.id),
      );
    if (user.accountEnabled === false)
      return renderPage(reply, tenant, flowToken, req, signInErrors.userDisabled());
    state.pending.delete(flowToken);
    return sendCode(reply, req, startSession(reply, tenant.id, user));
  });

  app.get<TenantParams & { Querystring: Record<string, unknown> }>(
    '/:tenant/oauth2/v2.0/logout',
    async (request, reply) => {
      void reply.header('cache-control', 'no-store, no-cache');
      state.sessions.delete(cookieValue(request, SESSION_COOKIE) ?? '');
      void reply.header(
        'set-cookie',
        `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0`,
      );
      const q = request.query;
      const back = typeof q.post_logout_redirect_uri === 'string' ? q.post_logout_redirect_uri : undefined;
      const tenant = ctx.state.findTenant(request.params.tenant);
      if (back && tenant && isRegisteredAnywhere(ctx, tenant.id, back)) {
        const url = new URL(back);
        if (typeof q.state === 'string') url.searchParams.set('state', q.state);
        return reply.redirect(url.toString(), 302);
      }
      return reply
        .type('text/html; charset=utf-8')
        .send(
          `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Signed out</title></head><body><h1>You signed out of your account</h1><p>${escapeHtml(tenant?.displayName ?? '')}</p></body></html>`,
        );
    },
  );
}

/** A login_hint names a user by UPN (or object id); compared as the directory compares names. */
function matchesHint(user: GraphUser, hint: string): boolean {
  const h = hint.toLowerCase();
  return (
    user.id === h ||
    (typeof user.userPrincipalName === 'string' && user.userPrincipalName.toLowerCase() === h)
  );
}

/** post_logout_redirect_uri must be one of an app's redirect URIs, or Entra will not go there. */
function isRegisteredAnywhere(ctx: EmulatorContext, tenantId: string, uri: string): boolean {
  const state = signInOf(ctx.state);
  for (const app of ctx.state.apps.values()) {
    if (app.tenantId !== tenantId) continue;
    if (state.appOf(tenantId, app.clientId).redirectUris.some((r) => redirectUriMatches(r, uri))) return true;
  }
  return false;
}

function cookieValue(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function isForm(body: unknown): body is Record<string, string> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body);
}
