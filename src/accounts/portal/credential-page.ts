// The first sign-in credential, shown once behind a fresh code: made at the moment it is shown (a
// Temporary Access Pass, usable once for 60 minutes, or for `one-time-view` templates a random
// password that must be changed at first sign-in), so nothing secret is ever stored or mailed. The
// request is marked `credential_viewed_at` with a `directory.credential-issued` audit entry (which
// says how, never what); a second view is refused with when the first was.
import { randomInt } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createTemporaryAccessPass, updateUser } from '../../connectors/microsoft/graph/index.js';
import type { AccountRequest } from '../store/requests.js';
import type { VerifiedCode } from '../store/codes.js';
import type { PortalContext } from './deps.js';
import { CodeRefusedError, CredentialFailedError, CredentialShownError } from './errors.js';
import { pageContext, sendPage } from './render.js';

export const TAP_LIFETIME_MINUTES = 60;

/** Whether the status page offers the credential for this request. */
export const credentialOffered = (r: AccountRequest): boolean =>
  r.kind === 'account' &&
  r.state === 'done' &&
  r.userId !== null &&
  r.credentialViewedAt === null &&
  r.disabledAt === null &&
  r.deletedAt === null;

/** The request a credential code or form names, if it is the address's own done account. */
export async function credentialRequest(
  ctx: PortalContext,
  requestId: string | null,
  address: string,
): Promise<AccountRequest> {
  const r = requestId === null ? undefined : await ctx.requests.get(requestId);
  if (!r || r.address !== address || r.kind !== 'account' || r.state !== 'done' || r.userId === null)
    throw new CodeRefusedError('not-a-done-account');
  if (r.credentialViewedAt !== null) throw new CredentialShownError(r.credentialViewedAt);
  if (r.disabledAt !== null || r.deletedAt !== null) throw new CodeRefusedError('account-ended');
  return r;
}

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!#%+-=?@';

/** 20 characters from the CSPRNG with each class present (Entra's complexity rule), shuffled. */
export function strongPassword(length = 20): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const pick = (set: string) => set[randomInt(set.length)] as string;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

export async function showCredential(
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: PortalContext,
  code: VerifiedCode,
): Promise<FastifyReply> {
  const r = await credentialRequest(ctx, code.requestId, code.address);
  const userId = r.userId as string;
  const method =
    ctx.templates.find((t) => t.config.name === r.template)?.config.credential ?? 'temporary-access-pass';
  // Claimed before the credential is made: of two codes confirmed at once only one makes one.
  const at = ctx.clock();
  if (!(await ctx.requests.claimCredential(r.id, at))) {
    const now = await ctx.requests.get(r.id);
    throw new CredentialShownError(now?.credentialViewedAt ?? at);
  }
  let secret: string;
  try {
    if (method === 'temporary-access-pass') {
      const pass = await createTemporaryAccessPass(ctx.graph, userId, {
        lifetimeInMinutes: TAP_LIFETIME_MINUTES,
        isUsableOnce: true,
      });
      if (!pass.temporaryAccessPass) throw new Error('Graph answered without the pass');
      secret = pass.temporaryAccessPass;
    } else {
      secret = strongPassword();
      await updateUser(ctx.graph, userId, {
        passwordProfile: { forceChangePasswordNextSignIn: true, password: secret },
      });
    }
  } catch (e) {
    await ctx.requests.releaseCredential(r.id, at);
    throw new CredentialFailedError(e);
  }
  await ctx.audit.append({
    requestId: r.id,
    actor: 'person',
    action: 'directory.credential-issued',
    detail: { method },
  });
  const page = pageContext(req);
  return sendPage(req, reply, 'credential', {
    ctx: page,
    title: page.t('credential.title'),
    data: {
      upn: r.upn ?? '',
      secret,
      tap: method === 'temporary-access-pass',
      minutes: TAP_LIFETIME_MINUTES,
    },
  });
}
