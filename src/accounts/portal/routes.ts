// The public portal of self-service accounts: its pages under /accounts on the public listener, in
// one encapsulated scope with its own form parser (url-encoded only, 16 KB), its own 404 page and its
// own error pages (the person reads a sentence in their language; the code goes to the log with the
// request id, never to the page). No page needs script; every POST answers 303 or a page.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isGsocError } from '../../platform/errors.js';
import { CrossSiteError, CsrfError } from '../../platform/web-session/index.js';
import { type PortalDeps, portalContext } from './deps.js';
import {
  CodeRefusedError,
  CredentialFailedError,
  CredentialShownError,
  type PageMessage,
  PortalMailFailedError,
  PortalNotFoundError,
  PortalRateLimitedError,
  PortalSessionRequiredError,
} from './errors.js';
import { type PageContext, pageContext, PORTAL_CSS, sendMessage } from './render.js';
import { requestRoutes } from './request-routes.js';
import { startRoutes } from './start-routes.js';
import { pageTime, statusRoutes } from './status-routes.js';
import { verifyRoutes } from './verify-routes.js';

export type { PortalDeps } from './deps.js';

/** Largest form body accepted. */
export const PORTAL_BODY_LIMIT = 16 * 1024;
/** Fields read from one form at most; a body of thousands of tiny fields is refused. */
const MAX_FIELDS = 32;

/** `a=1&b=2` into an object without a prototype; the first value of a repeated field wins. */
export function parseForm(body: string): Record<string, string> | undefined {
  const out: Record<string, string> = Object.create(null);
  let n = 0;
  for (const [k, v] of new URLSearchParams(body)) {
    if (++n > MAX_FIELDS) return undefined;
    if (!(k in out)) out[k] = v;
  }
  return out;
}

export function portalRoutes(deps: PortalDeps): (app: FastifyInstance) => Promise<void> {
  const ctx = portalContext(deps);
  return async function registerPortal(app) {
    await app.register(
      async function accountsPortal(scope) {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser(
          'application/x-www-form-urlencoded',
          { parseAs: 'string', bodyLimit: PORTAL_BODY_LIMIT },
          function portalForm(_req, body, done) {
            const form = parseForm(body as string);
            if (!form) done(Object.assign(new Error('too many fields'), { statusCode: 400 }), undefined);
            else done(null, form);
          },
        );
        scope.get('/portal.css', async function portalCss(_req, reply) {
          return reply
            .type('text/css; charset=utf-8')
            .header('cache-control', 'public, max-age=3600')
            .send(PORTAL_CSS);
        });
        startRoutes(scope, ctx);
        verifyRoutes(scope, ctx);
        requestRoutes(scope, ctx);
        statusRoutes(scope, ctx);
        scope.setNotFoundHandler(function portalNotFound(req, reply) {
          return answer(req, reply, new PortalNotFoundError());
        });
        scope.setErrorHandler(function portalError(err, req, reply) {
          return answer(req, reply, err);
        });
      },
      { prefix: '/accounts', logSerializers: { req: logRequest } },
    );
  };
}

/** Status and link tokens are bearer secrets in the path: the log gets the path without them. */
export function redactPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.replace(/\/(status|link)\/[^/]+/, '/$1/[redacted]');
}

/** The request as the log names it: method and path, without tokens, query or client address. */
function logRequest(req: FastifyRequest): string {
  return `${req.method} ${redactPath(req.url)}`;
}

function answer(req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const page = pageContext(req);
  if (isGsocError(err)) {
    const level = err.actor === 'caller' ? 'info' : err.actor === 'remote' ? 'warn' : 'error';
    // Code and our own message only: a cause may quote Graph, and Graph may quote an address.
    req.log[level]({ err: { code: err.code, message: err.message } }, 'accounts portal refused');
  } else if (!isClientError(err)) req.log.error({ err }, 'accounts portal failed');
  if (err instanceof CredentialShownError)
    return sendMessage(req, reply, {
      ctx: page,
      title: page.t('credential.shown.title'),
      text: page.t('credential.shown.body', { date: pageTime(page.locale, err.shownAt) }),
      status: 409,
    });
  if (err instanceof PortalRateLimitedError) reply.header('retry-after', String(err.retryAfterSec));
  const [status, text] = pageOf(err, page, String(req.id));
  return sendMessage(req, reply, { ctx: page, title: page.t('error.title'), text, status });
}

const isClientError = (err: unknown): boolean => {
  const s = (err as FastifyError).statusCode;
  return typeof s === 'number' && s >= 400 && s < 500;
};

function pageOf(err: unknown, page: PageContext, requestId: string): [number, string] {
  const say = (status: number, id: PageMessage, values?: Record<string, string | number>) =>
    [status, page.t(id, values)] as [number, string];
  if (err instanceof PortalRateLimitedError)
    return say(429, 'error.rateLimited', { minutes: Math.max(1, Math.ceil(err.retryAfterSec / 60)) });
  if (err instanceof CsrfError || err instanceof CrossSiteError) return say(403, 'error.crossSite');
  if (err instanceof CodeRefusedError) return say(400, 'error.codeRefused');
  if (err instanceof PortalSessionRequiredError) return say(401, 'error.sessionRequired');
  if (err instanceof PortalNotFoundError) return say(404, 'error.notFound');
  if (err instanceof CredentialFailedError) return say(503, 'error.credentialFailed');
  if (err instanceof PortalMailFailedError) return say(503, 'error.mailFailed');
  if (isGsocError(err) && err.actor === 'caller') return say(err.httpStatus, 'error.form');
  const status = (err as FastifyError).statusCode;
  if (status === 413) return say(413, 'error.tooLarge');
  if (typeof status === 'number' && status >= 400 && status < 500) return say(status, 'error.form');
  return say(500, 'error.internal', { id: requestId });
}
