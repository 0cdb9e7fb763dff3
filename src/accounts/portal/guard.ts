// The checks in front of every state-changing portal request: the browser's word on where it came
// from (Sec-Fetch-Site, Origin, as the console checks it), then, behind a session, its form token.
import type { FastifyRequest } from 'fastify';
import { checkCsrf, checkSameOrigin } from '../../platform/web-session/index.js';
import { PortalFormError, PortalSessionRequiredError } from './errors.js';
import type { PortalContext } from './deps.js';
import { cookieMode, expectedOrigin, readPortalCookie } from './session-cookie.js';
import type { PortalSession } from '../store/portal-sessions.js';
import type { z } from 'zod';

export function checkOrigin(req: FastifyRequest, ctx: PortalContext): void {
  checkSameOrigin(req, expectedOrigin(req, ctx.publicUrl()));
}

/** The verified browser's session, or PortalSessionRequiredError. */
export async function requireSession(
  req: FastifyRequest,
  ctx: PortalContext,
  purpose = 'request',
): Promise<PortalSession> {
  const id = readPortalCookie(req, cookieMode(req, ctx.publicUrl()));
  const session = await ctx.sessions.get(id);
  if (!session || session.purpose !== purpose) throw new PortalSessionRequiredError();
  return session;
}

/** Origin, then the session's form token. */
export function checkSessionForm(
  req: FastifyRequest,
  ctx: PortalContext,
  session: PortalSession,
  token: unknown,
): void {
  checkOrigin(req, ctx);
  checkCsrf(session, token);
}

/** Parses `value` or throws PortalFormError naming only which part failed. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new PortalFormError(what);
  return r.data;
}
