// A user's Temporary Access Pass: create (the pass itself is in this answer only; a new pass replaces
// the old one), list, get and delete, within the tenant policy's lifetime bounds.
// https://learn.microsoft.com/graph/api/authentication-post-temporaryaccesspassmethods
// https://learn.microsoft.com/graph/api/resources/temporaryaccesspassauthenticationmethod
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { newGuid } from '../shared/ids.js';
import { badRequest, notFound } from '../graph/errors.js';
import { contextUrl } from '../graph/odata.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { accountsOf, type TapRecord } from './accounts-state.js';
import { withUser } from './users.js';

export const TAP_READ = ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'];
export const TAP_WRITE = ['UserAuthenticationMethod.ReadWrite.All'];

const BASE = '^/users/(?<id>[^/]+)/authentication/temporaryAccessPassMethods';
/** Characters of a generated pass: letters and digits without look-alikes, plus a few symbols. */
const PASS_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789@#$%&*+=?';

const createBody = z
  .object({
    startDateTime: z.iso.datetime({ offset: true }).optional(),
    lifetimeInMinutes: z.number().int().optional(),
    isUsableOnce: z.boolean().optional(),
  })
  .loose();

export const MESSAGES = {
  lifetime: (min: number, max: number) =>
    `The lifetime of the Temporary Access Pass must be between ${min} and ${max} minutes, as the policy allows.`,
  usableOnce: 'The policy allows only one-time use Temporary Access Passes.',
};

export const tapRoutes: GraphRoute[] = [
  {
    method: 'POST',
    pattern: new RegExp(`${BASE}$`),
    roles: TAP_WRITE,
    handle: (ctx, call, params) => withUser(ctx, call, params, (_s, user) => createTap(ctx, call, user.id)),
  },
  {
    method: 'GET',
    pattern: new RegExp(`${BASE}$`),
    roles: TAP_READ,
    handle: (ctx, call, params) =>
      withUser(ctx, call, params, (_s, user) => {
        const tap = accountsOf(ctx.state).taps.of(call.principal.tenantId).get(user.id);
        return {
          status: 200,
          body: {
            '@odata.context': contextUrl(
              ctx,
              call,
              `users('${user.id}')/authentication/temporaryAccessPassMethods`,
            ),
            value: tap ? [shown(ctx, tap, false)] : [],
          },
        };
      }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`${BASE}/(?<tap>[^/]+)$`),
    roles: TAP_READ,
    handle: (ctx, call, params) =>
      withUser(ctx, call, params, (_s, user) => {
        const tap = accountsOf(ctx.state).taps.of(call.principal.tenantId).get(user.id);
        if (!tap || tap.id !== params.tap) return notFound(call, params.tap ?? '');
        return { status: 200, body: shown(ctx, tap, false) };
      }),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${BASE}/(?<tap>[^/]+)$`),
    roles: TAP_WRITE,
    handle: (ctx, call, params) =>
      withUser(ctx, call, params, (_s, user) => {
        const taps = accountsOf(ctx.state).taps.of(call.principal.tenantId);
        const tap = taps.get(user.id);
        if (!tap || tap.id !== params.tap) return notFound(call, params.tap ?? '');
        taps.delete(user.id);
        return { status: 204 };
      }),
  },
];

function createTap(ctx: EmulatorContext, call: GraphCall, userId: string): GraphResponse {
  const parsed = createBody.safeParse(call.body ?? {});
  if (!parsed.success) return badRequest(call, 'Invalid request body.', 'badRequest');
  const accounts = accountsOf(ctx.state);
  const policy = accounts.tapPolicy;
  const lifetime = parsed.data.lifetimeInMinutes ?? policy.defaultLifetimeInMinutes;
  if (lifetime < policy.minimumLifetimeInMinutes || lifetime > policy.maximumLifetimeInMinutes)
    return badRequest(
      call,
      MESSAGES.lifetime(policy.minimumLifetimeInMinutes, policy.maximumLifetimeInMinutes),
      'badRequest',
    );
  if (policy.isUsableOnce && parsed.data.isUsableOnce === false)
    return badRequest(call, MESSAGES.usableOnce, 'badRequest');
  const now = new Date(accounts.now()).toISOString();
  const tap: TapRecord = {
    id: newGuid(),
    temporaryAccessPass: generatePass(policy.defaultLength),
    createdDateTime: now,
    startDateTime: parsed.data.startDateTime ?? now,
    lifetimeInMinutes: lifetime,
    isUsableOnce: parsed.data.isUsableOnce ?? policy.isUsableOnce,
  };
  accounts.taps.of(call.principal.tenantId).set(userId, tap);
  return {
    status: 201,
    body: {
      '@odata.context': contextUrl(
        ctx,
        call,
        `users('${userId}')/authentication/temporaryAccessPassMethods`,
        undefined,
        true,
      ),
      ...shown(ctx, tap, true),
    },
  };
}

/** The pass as the API shows it: with the secret only when just created, its usability on the clock. */
function shown(ctx: EmulatorContext, tap: TapRecord, withSecret: boolean): Record<string, unknown> {
  const now = accountsOf(ctx.state).now();
  const start = Date.parse(tap.startDateTime);
  const end = start + tap.lifetimeInMinutes * 60_000;
  const reason = now < start ? 'NotYetValid' : now >= end ? 'Expired' : 'EnabledByPolicy';
  return {
    '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
    id: tap.id,
    temporaryAccessPass: withSecret ? tap.temporaryAccessPass : null,
    createdDateTime: tap.createdDateTime,
    startDateTime: tap.startDateTime,
    lifetimeInMinutes: tap.lifetimeInMinutes,
    isUsableOnce: tap.isUsableOnce,
    isUsable: reason === 'EnabledByPolicy',
    methodUsabilityReason: reason,
  };
}

function generatePass(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += PASS_ALPHABET[randomInt(PASS_ALPHABET.length)];
  return out;
}
