// Sign-in with Entra ID: /sign-in/start stores the flow and sends the browser to Entra;
// /sign-in/callback takes the flow once (in the browser that started it), redeems the code, checks
// the ID token, maps the roles and starts the session.
import type { FastifyInstance } from 'fastify';
import {
  newFlowSecrets,
  noRoleError,
  readRedirect,
  rolesOf,
} from '../../connectors/microsoft/sign-in/index.js';
import { serializeSessionCookie } from '../../platform/web-session/index.js';
import type { SignInContext } from './auth.js';
import { clearCookie, cookieMatches, setCookie } from './browser-cookies.js';
import { FlowInvalidError, MethodOffError } from './errors.js';
import { noRoleLines } from './pages.js';
import { errorDetail, record, refuse, sendRefusal } from './respond.js';
import { localeOfRequest, queryParam, sourceOf } from './request-info.js';
import { safeReturnPath } from './return-path.js';

/** A login_hint longer than any UPN is dropped rather than sent on. */
const MAX_LOGIN_HINT = 256;

export async function entraRoutes(app: FastifyInstance, opts: { ctx: SignInContext }): Promise<void> {
  const { ctx } = opts;

  app.get('/sign-in/start', async function startSignIn(req, reply) {
    const entra = ctx.entra;
    if (!entra) throw new MethodOffError('entra');
    const hint = queryParam(req, 'login_hint');
    const secrets = newFlowSecrets();
    const url = await entra.client().authorizeUrl({
      ...secrets,
      loginHint: hint !== undefined && hint.length <= MAX_LOGIN_HINT ? hint : undefined,
    });
    await ctx.flows.put(
      secrets.state,
      {
        nonce: secrets.nonce,
        codeVerifier: secrets.codeVerifier,
        returnPath: safeReturnPath(queryParam(req, 'return')),
      },
      sourceOf(req).ip,
    );
    return reply
      .header('cache-control', 'no-store')
      .header('set-cookie', setCookie('flow', ctx.mode(), secrets.state))
      .redirect(url, 302);
  });

  app.get('/sign-in/callback', async function finishSignIn(req, reply) {
    void reply.header('cache-control', 'no-store').header('set-cookie', clearCookie('flow', ctx.mode()));
    try {
      const entra = ctx.entra;
      if (!entra) throw new MethodOffError('entra');
      const answer = readRedirect((req.query ?? {}) as Record<string, unknown>);
      const state = 'code' in answer ? answer.state : answer.state;
      // Only the browser that started this sign-in may finish it: its flow cookie holds the state.
      const ours = state !== undefined && cookieMatches(req.headers.cookie, 'flow', ctx.mode(), state);
      // Entra's error answer ends the flow as well, so the state cannot be used again.
      const flow = ours && state !== undefined ? await ctx.flows.take(state) : undefined;
      if ('error' in answer) throw answer.error;
      if (!ours) throw new FlowInvalidError(state === undefined ? 'unknown' : 'browser');
      if (flow === undefined) throw new FlowInvalidError('unknown');
      if (flow === 'expired') throw new FlowInvalidError('expired');

      const person = await entra.client().complete(answer.code, flow);
      const roles = rolesOf(person, entra.roles);
      const who = { subject: person.objectId, name: person.name };
      if (roles.length === 0) {
        const e = noRoleError(person);
        await record(ctx, req, {
          action: 'console.sign-in',
          outcome: 'denied',
          actor: who,
          detail: {
            method: 'entra',
            code: e.code,
            appRoles: person.appRoles.slice(0, 20),
            groupsOverage: person.groupsOverage,
          },
        });
        req.log.info({ err: { code: e.code, message: e.message } }, 'console sign-in denied');
        return sendRefusal(req, reply, {
          status: 403,
          lines: noRoleLines(localeOfRequest(req), person.userName || person.name, person.groupsOverage),
          code: e.code,
        });
      }
      const { ip, userAgent } = sourceOf(req);
      const created = await ctx.sessions.create({
        subject: person.objectId,
        name: person.name,
        roles,
        ip,
        userAgent,
      });
      await record(ctx, req, {
        action: 'console.sign-in',
        outcome: 'success',
        actor: who,
        detail: { method: 'entra', roles, userName: person.userName },
      });
      return reply
        .header('set-cookie', [
          clearCookie('flow', ctx.mode()),
          serializeSessionCookie(created.id, {
            mode: ctx.mode(),
            expiresAt: created.expiresAt,
            now: ctx.clock(),
          }),
        ])
        .redirect(flow.returnPath, 303);
    } catch (e) {
      await record(ctx, req, {
        action: 'console.sign-in',
        outcome: 'failure',
        detail: { method: 'entra', ...errorDetail(e) },
      });
      return refuse(req, reply, e);
    }
  });
}
