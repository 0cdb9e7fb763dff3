// Issues a code and link under the rate limits and mails them. The same path runs for every eligible
// address, known or not: the page after it, and the work before it, do not depend on whether the
// address has requests or accounts (no enumeration by answer or by timing).
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ipKey } from '../../platform/web-session/index.js';
import { codeMail } from '../mail/compose.js';
import type { CodePurpose } from '../store/codes.js';
import { type PortalContext, publicLink } from './deps.js';
import { PortalMailFailedError, PortalRateLimitedError } from './errors.js';
import type { PortalLocale } from './locale.js';

/** What logs name an address by: never the address itself. */
export const addressHash = (address: string): string =>
  createHash('sha256').update(`graphsoc-accounts:${address}`).digest('base64url').slice(0, 16);

/** Returns the code row's id (the verify page's path); throws PortalRateLimitedError or PortalMailFailedError. */
export async function sendCode(
  req: FastifyRequest,
  ctx: PortalContext,
  input: { address: string; purpose: CodePurpose; requestId?: string; locale: PortalLocale },
): Promise<string> {
  const issued = await ctx.codes.issue({
    purpose: input.purpose,
    address: input.address,
    ...(input.requestId ? { requestId: input.requestId } : {}),
    ipKey: ipKey(req.ip),
  });
  if (!issued.ok) {
    req.log.info(
      { addressHash: addressHash(input.address), limit: issued.limit },
      'accounts code refused by rate limit',
    );
    throw new PortalRateLimitedError(issued.limit, issued.retryAfterSec);
  }
  const link = publicLink(ctx, `accounts/link/${issued.linkToken}`);
  try {
    await ctx.mailer.send(
      codeMail(input.locale, {
        to: input.address,
        code: issued.code,
        ...(link ? { link } : {}),
        minutes: ctx.config.verification.codeLifetimeMinutes,
        purpose: input.purpose,
      }),
    );
  } catch (e) {
    throw new PortalMailFailedError(e);
  }
  req.log.info({ addressHash: addressHash(input.address), purpose: input.purpose }, 'accounts code sent');
  return issued.id;
}
