// The TAXII 2.1 routes (OASIS TAXII 2.1 §4–5): discovery at /taxii2/, each API root, its collections,
// one collection and its objects. Every route needs credentials (401 with the error resource and a
// WWW-Authenticate challenge), an Accept that takes TAXII 2.1 (406), and passes the request limit
// (429 with Retry-After). Answers carry application/taxii+json;version=2.1.
// @link https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeError } from '../shared/https-server.js';
import { authenticate, mayRead, type Principal } from './auth.js';
import { acceptsTaxii21, TAXII_MEDIA_TYPE, taxiiError } from './bodies.js';
import type { Collection, TaxiiContext } from './context.js';
import { QueryRefused, readObjects } from './objects.js';

export const DISCOVERY_PATH = '/taxii2/';

/**
 * A TAXII body as bytes: Fastify rewrites the content type of an object or string body to
 * `version="2.1"; charset=utf-8`, which clients comparing the media type as text refuse.
 */
export const sendTaxii = (reply: FastifyReply, body: unknown) =>
  reply.header('content-type', TAXII_MEDIA_TYPE).send(Buffer.from(JSON.stringify(body)));

export function refuse(reply: FastifyReply, status: number, description: string, headers = {}) {
  return sendTaxii(reply.code(status).headers(headers), taxiiError(status, description));
}

/** The caller, or undefined once the refusal (401, 406, 429) is sent. */
function admit(ctx: TaxiiContext, request: FastifyRequest, reply: FastifyReply): Principal | undefined {
  const who = authenticate(request.headers.authorization, ctx.users, ctx.tokens);
  if (who === undefined) {
    void refuse(reply, 401, 'The request lacks valid credentials.', {
      'www-authenticate': 'Basic realm="TAXII", Bearer',
    });
    return undefined;
  }
  if (!acceptsTaxii21(request.headers.accept)) {
    void refuse(reply, 406, `The server serves ${TAXII_MEDIA_TYPE} only.`);
    return undefined;
  }
  const taken = ctx.limits.take(who.name);
  if (!taken.ok) {
    void refuse(reply, 429, 'Too many requests; wait before trying again.', {
      'retry-after': String(Math.ceil(taken.waitMs / 1000)),
    });
    return undefined;
  }
  return who;
}

const collectionResource = (c: Collection, who: Principal) => ({
  id: c.def.id,
  title: c.def.title,
  ...(c.def.description ? { description: c.def.description } : {}),
  ...(c.def.alias ? { alias: c.def.alias } : {}),
  can_read: mayRead(who, c.def.id),
  can_write: false,
  media_types: ['application/stix+json;version=2.1'],
});

type RootParams = { root: string };
type CollectionParams = RootParams & { id: string };

export function registerTaxiiApi(app: FastifyInstance, ctx: TaxiiContext): void {
  app.setErrorHandler(function taxiiErrors(error, _request, reply) {
    const { statusCode, message } = describeError(error);
    const status = statusCode >= 400 && statusCode < 600 ? statusCode : 500;
    return refuse(reply, status, status < 500 ? message : 'The server failed to answer.');
  });
  app.setNotFoundHandler(function notFound(request, reply) {
    return refuse(reply, 404, `No resource at ${request.url.split('?')[0]}.`);
  });

  const rootOf = (name: string) => ctx.apiRoots.find((r) => r.name === name);
  const collectionOf = (p: CollectionParams) => {
    const c = ctx.collections.get(p.id);
    return c && c.def.apiRoot === p.root ? c : undefined;
  };

  app.get(DISCOVERY_PATH, async function discovery(request, reply) {
    if (!admit(ctx, request, reply)) return reply;
    const base = `https://${request.headers.host}`;
    return sendTaxii(reply, {
      title: 'graphsoc TAXII emulator',
      description: 'A TAXII 2.1 server for tests and the sandbox.',
      contact: 'soc@example.com',
      default: `${base}/${ctx.apiRoots[0]?.name}/`,
      api_roots: ctx.apiRoots.map((r) => `${base}/${r.name}/`),
    });
  });

  app.get<{ Params: RootParams }>('/:root/', async function apiRoot(request, reply) {
    if (!admit(ctx, request, reply)) return reply;
    const root = rootOf(request.params.root);
    if (!root) return refuse(reply, 404, 'No such API root.');
    return sendTaxii(reply, {
      title: root.title,
      ...(root.description ? { description: root.description } : {}),
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: 10 * 1024 * 1024,
    });
  });

  app.get<{ Params: RootParams }>('/:root/collections/', async function collections(request, reply) {
    const who = admit(ctx, request, reply);
    if (!who) return reply;
    if (!rootOf(request.params.root)) return refuse(reply, 404, 'No such API root.');
    const list = [...ctx.collections.values()].filter((c) => c.def.apiRoot === request.params.root);
    return sendTaxii(
      reply,
      list.length > 0 ? { collections: list.map((c) => collectionResource(c, who)) } : {},
    );
  });

  app.get<{ Params: CollectionParams }>('/:root/collections/:id/', async function collection(request, reply) {
    const who = admit(ctx, request, reply);
    if (!who) return reply;
    const c = collectionOf(request.params);
    if (!c) return refuse(reply, 404, 'No such collection.');
    return sendTaxii(reply, collectionResource(c, who));
  });

  app.get<{ Params: CollectionParams }>(
    '/:root/collections/:id/objects/',
    async function objects(request, reply) {
      const who = admit(ctx, request, reply);
      if (!who) return reply;
      const c = collectionOf(request.params);
      if (!c) return refuse(reply, 404, 'No such collection.');
      if (!mayRead(who, c.def.id)) return refuse(reply, 403, 'You may not read this collection.');
      try {
        const answer = readObjects(c, request.query as Record<string, unknown>, ctx.settings);
        return sendTaxii(reply.headers(answer.headers), answer.body);
      } catch (e) {
        if (e instanceof QueryRefused) return refuse(reply, 400, e.message);
        throw e;
      }
    },
  );
}
