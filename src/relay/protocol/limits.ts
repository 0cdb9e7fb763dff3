// Oversized relay requests answered in the protocol's envelope with a fitting status: a header
// section over 16 KB (431) and a body over the server's limit (413), where Node and Fastify would
// answer with bodies of their own that Threat Response cannot show.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../platform/log.js';
import { envelope } from './envelope.js';
import { RELAY_CODES } from './relay-error.js';

/**
 * Node's own default. The server admits header sections up to 64 KB (src/app/server.ts) so that
 * these reach the relay and get its answer; Node still refuses larger ones itself.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

/** Bytes of the request line and header lines as received (Node decodes headers as latin1: one char a byte). */
export function headerBytes(req: FastifyRequest): number {
  const raw = req.raw;
  // "<method> <target> HTTP/x.y\r\n" … "\r\n"
  let n = (raw.method ?? '').length + (raw.url ?? '').length + raw.httpVersion.length + 9 + 2;
  const h = raw.rawHeaders;
  for (let i = 0; i + 1 < h.length; i += 2) n += (h[i] as string).length + (h[i + 1] as string).length + 4;
  return n;
}

function refuse(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply
    .code(status)
    .send(envelope(undefined, [{ code: RELAY_CODES.INVALID_ARGUMENT, message, type: 'fatal' }]));
}

/** Installs both answers on a relay scope (encapsulated: other routes keep the server's own). */
export function answerOversized(app: FastifyInstance, logger: Logger): void {
  app.addHook('onRequest', async function refuseLargeHeaders(req, reply) {
    const bytes = headerBytes(req);
    if (bytes <= MAX_HEADER_BYTES) return;
    logger.info(
      { route: req.url.split('?')[0], headerBytes: bytes },
      'relay request refused: headers too large',
    );
    return refuse(
      reply,
      431,
      `Request header fields too large: ${bytes} bytes, at most ${MAX_HEADER_BYTES} are accepted.`,
    );
  });

  app.setErrorHandler(function relayRequestError(err: FastifyError, req, reply) {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = req.routeOptions.bodyLimit;
      logger.info(
        { route: req.url.split('?')[0], bodyLimit: limit },
        'relay request refused: body too large',
      );
      return refuse(reply, 413, `Request body too large: at most ${limit} bytes are accepted.`);
    }
    // Fastify's other refusals of a request before it reaches a route (a body shorter than its
    // Content-Length, …); a route's own failures are answered inside the route.
    const status = err.statusCode;
    if (status !== undefined && status >= 400 && status < 500) return refuse(reply, status, err.message);
    logger.error({ err }, 'relay request failed');
    return reply
      .code(500)
      .send(
        envelope(undefined, [{ code: RELAY_CODES.UNKNOWN, message: 'Something went wrong.', type: 'fatal' }]),
      );
  });
}
