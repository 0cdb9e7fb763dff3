// 404 and 405 as the seeds' Flask apps answer them: a non-200 status with {code, message, reason}
// (reference/relay.md §0, §1.1); only routing errors leave the 200 envelope.
import type { FastifyReply } from 'fastify';

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).send({
    code: 404,
    message:
      'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
    reason: 'werkzeug.exceptions.NotFound',
  });
}

export function notAllowed(reply: FastifyReply): FastifyReply {
  return reply.code(405).send({
    code: 405,
    message: 'The method is not allowed for the requested URL.',
    reason: 'werkzeug.exceptions.MethodNotAllowed',
  });
}
