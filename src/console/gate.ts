// What the console's pages need from sign-in (./sign-in/): the session of a request, the checks
// before an action, and the audit log. Pages depend on this shape, not on how sign-in works.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuditLog, Session } from '../platform/web-session/index.js';

export interface ConsoleGate {
  /** For page GETs: the session; else the reply is already a redirect to sign-in, and undefined. */
  pageSession(req: FastifyRequest, reply: FastifyReply): Promise<Session | undefined>;
  /** For POSTs: the session after the same-origin and CSRF checks; throws GSOC_SESSION_* otherwise. */
  postSession(req: FastifyRequest, form: Record<string, unknown>): Promise<Session>;
  audit: AuditLog;
}
