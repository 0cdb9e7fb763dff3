// The Archer HTTPS app: REST API under `<vdir>/api/core/*` and `<vdir>/platformapi/core/*` (one route
// table, X-Http-Method-Override honoured), the Content API search aid, and Archer's HTML redirect
// page for any other path. Session checks run in the handler, after fault injection.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { splitUrl } from '../shared/request-log.js';
import { searchContent } from './content-api.js';
import { REDIRECT_PAGE, UNAUTHORIZED_BODY } from './envelope.js';
import { ODataError } from './odata.js';
import { type ArcherContext, type ArcherRoute, matchRoute } from './router.js';
import { contentRoutes } from './routes-content.js';
import { securityRoutes } from './routes-security.js';
import { systemRoutes } from './routes-system.js';
import { type Session, tokenFromHeader } from './sessions.js';

const ROUTES: readonly ArcherRoute[] = [...securityRoutes, ...systemRoutes, ...contentRoutes];

/** Empty JSON bodies are common on POST + override reads; ASP.NET binds them to nothing. */
function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, function archerJson(_req, body, done) {
    const text = String(body);
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(Object.assign(e as Error, { statusCode: 400 }), undefined);
    }
  });
}

function sessionOf(request: FastifyRequest, ctx: ArcherContext): Session | undefined {
  const token = tokenFromHeader(request.headers.authorization);
  return token === undefined ? undefined : ctx.sessions.use(token);
}

export function registerArcherApi(
  app: FastifyInstance,
  ctx: ArcherContext,
  vdir: string,
  baseUrl: () => string,
) {
  installJsonParser(app);

  async function archerApi(request: FastifyRequest, reply: FastifyReply) {
    const override = request.headers['x-http-method-override'];
    const method = (typeof override === 'string' && override.trim() !== '' ? override : request.method)
      .trim()
      .toUpperCase();
    const path = (request.params as Record<string, string>)['*'] ?? '';
    const found = matchRoute(ROUTES, method, path);
    if (found === undefined)
      return reply.code(404).send({
        Message: `No HTTP resource was found that matches the request URI '${splitUrl(request.url).path}'.`,
      });
    let session: Session | undefined;
    if (!found.route.anonymous) {
      session = sessionOf(request, ctx);
      if (session === undefined) return reply.code(401).send(UNAUTHORIZED_BODY);
    }
    try {
      const result = found.route.handle(
        {
          params: found.params,
          query: splitUrl(request.url).query,
          body: request.body,
          ...(session ? { session } : {}),
        },
        ctx,
      );
      return reply.code(200).send(result);
    } catch (e) {
      if (e instanceof ODataError) return reply.code(400).send({ Message: e.message });
      throw e;
    }
  }

  for (const root of ['api', 'platformapi']) {
    app.route({
      method: ['GET', 'POST', 'PUT', 'DELETE'],
      url: `${vdir}/${root}/core/*`,
      handler: archerApi,
    });
  }

  app.get<{ Params: { alias: string } }>(
    `${vdir}/contentapi/:alias`,
    async function contentApi(request, reply) {
      if (sessionOf(request, ctx) === undefined) return reply.code(401).send(UNAUTHORIZED_BODY);
      const answer = searchContent(ctx.state, request.params.alias, splitUrl(request.url).query, baseUrl());
      return reply.code(answer.status).send(answer.body);
    },
  );

  app.setNotFoundHandler(async function redirectPage(_request, reply) {
    return reply.code(200).type('text/html; charset=utf-8').send(REDIRECT_PAGE);
  });
}
