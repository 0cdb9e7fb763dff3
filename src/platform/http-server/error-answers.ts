// How both listeners answer what no route handles: a JSON 404 with a stable code, and errors as their
// GSOC_ code and status (a bug of ours as a 500 that points at the log, never at its details).
import type { FastifyInstance } from 'fastify';
import { isGsocError } from '../errors.js';

export function answerErrors(app: FastifyInstance): void {
  app.setNotFoundHandler(function notFound(req, reply) {
    reply.code(404).send({
      code: 'GSOC_SERVER_NOT_FOUND',
      message: `no route for ${req.method} ${req.url.split('?')[0]}`,
    });
  });

  app.setErrorHandler(function handleError(err, req, reply) {
    if (isGsocError(err)) {
      const level = err.actor === 'caller' ? 'info' : err.actor === 'remote' ? 'warn' : 'error';
      req.log[level]({ err: { code: err.code, message: err.message } }, 'request failed');
      reply.code(err.httpStatus).send(err.toJSON());
      return;
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      reply.code(status).send({ code: 'GSOC_SERVER_BAD_REQUEST', message: (err as Error).message });
      return;
    }
    req.log.error({ err }, 'unexpected error');
    reply.code(500).send({ code: 'GSOC_SERVER_INTERNAL', message: 'internal error; see the server log' });
  });
}
