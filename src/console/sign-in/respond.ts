// How the sign-in routes answer and record: an HTML page that is never cached, a refusal in the
// person's language, and one audit entry per sign-in, refusal and sign-out.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isGsocError } from '../../platform/errors.js';
import type { AuditOutcome } from '../../platform/web-session/index.js';
import type { SignInContext } from './auth.js';
import { type Refusal, refusalOf, refusedPage } from './pages.js';
import { localeOfRequest, sourceOf } from './request-info.js';

export function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

export function sendRefusal(req: FastifyRequest, reply: FastifyReply, r: Refusal): FastifyReply {
  if (r.retryAfterSec !== undefined) void reply.header('retry-after', String(r.retryAfterSec));
  return sendPage(reply, r.status, refusedPage(localeOfRequest(req), r));
}

/** The refusal page for an error, logged by who must act (a bug of ours at error level). */
export function refuse(req: FastifyRequest, reply: FastifyReply, e: unknown): FastifyReply {
  const level = isGsocError(e)
    ? e.actor === 'caller'
      ? 'info'
      : e.actor === 'remote'
        ? 'warn'
        : 'error'
    : 'error';
  req.log[level](
    { err: isGsocError(e) ? { code: e.code, message: e.message, details: e.details } : e },
    'console sign-in refused',
  );
  return sendRefusal(req, reply, refusalOf(e, localeOfRequest(req)));
}

export interface AuditWhat {
  action: 'console.sign-in' | 'console.sign-out' | 'console.sign-out-everywhere';
  outcome: AuditOutcome;
  actor?: { subject: string; name: string } | null;
  target?: string | undefined;
  detail?: Record<string, unknown>;
}

export async function record(ctx: SignInContext, req: FastifyRequest, w: AuditWhat): Promise<void> {
  const { ip, userAgent } = sourceOf(req);
  await ctx.audit.append({
    actor: w.actor ?? null,
    action: w.action,
    target: w.target ?? null,
    ip,
    userAgent,
    outcome: w.outcome,
    ...(w.detail ? { detail: w.detail } : {}),
  });
}

/** The audit detail of an error: its code and what Entra said, never a secret or a token. */
export function errorDetail(e: unknown): Record<string, unknown> {
  if (!isGsocError(e)) return { code: 'GSOC_INTERNAL' };
  return { code: e.code, ...(e.details ? { ...e.details } : {}) };
}
