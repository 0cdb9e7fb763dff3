// Step `user`: POST /users under the recorded name, or adopt the user a crashed try made. Before
// creating, the directory is asked who holds the name: a user whose otherMails hold the request's
// verified address is ours (adopted); anyone else's sends the request to the next free name. A POST
// that says "taken" while the directory shows no one is replication lag after our own earlier try:
// the step waits and looks again, and never picks another name then (that is how twins were made).
import {
  createUser,
  directoryRefusal,
  type GraphClient,
  type GraphCallOptions,
  listUsers,
  type User,
} from '../../../connectors/microsoft/graph/index.js';
import { odataString } from '../../../platform/http/index.js';
import { isInvisible } from '../../policy/invisible.js';
import type { AccountRequest } from '../../store/requests.js';
import { type StepContext, templateOf } from '../context.js';
import { ProvisionDeferredError } from '../errors.js';
import { randomPassword } from '../password.js';
import { chooseUpn } from './choose-upn.js';

/** Graph's limits on a user's names. */
const MAX_NAME_PART = 64;
const MAX_DISPLAY_NAME = 256;

/** The user holding `upn` with what adoption needs, or undefined. */
export async function userHolding(
  graph: GraphClient,
  upn: string,
  o: GraphCallOptions,
): Promise<User | undefined> {
  const query = {
    filter: `userPrincipalName eq ${odataString(upn)}`,
    select: ['id', 'userPrincipalName', 'otherMails', 'mail', 'accountEnabled'],
    top: 1,
  };
  for await (const page of listUsers(graph, query, o)) return page[0];
  return undefined;
}

/** Whether the user was made for this verified address (its otherMails hold it). */
export function ownedBy(user: User, address: string): boolean {
  const mails = Array.isArray(user.otherMails) ? (user.otherMails as unknown[]) : [];
  const want = address.toLowerCase();
  return mails.some((m) => typeof m === 'string' && m.toLowerCase() === want);
}

/**
 * A name as the directory shows it: invisible characters dropped (controls, NUL, bidirectional
 * overrides), runs of white space made one space, cut to `max` without splitting a character. One
 * pass over at most a few times `max` characters.
 */
export function visibleName(text: string, max: number): string {
  let out = '';
  let space = false;
  for (const ch of text.slice(0, max * 8)) {
    if (isInvisible(ch.codePointAt(0) as number)) continue;
    if (/\s/.test(ch)) {
      space = out !== '';
      continue;
    }
    const add = space ? ` ${ch}` : ch;
    if (out.length + add.length > max) break;
    out += add;
    space = false;
  }
  return out;
}

export function newUserBody(r: AccountRequest, upn: string, usageLocation: string): Record<string, unknown> {
  const given = visibleName(r.givenName, MAX_NAME_PART);
  const surname = visibleName(r.surname, MAX_NAME_PART);
  const displayName = visibleName([given, surname].filter((s) => s !== '').join(' '), MAX_DISPLAY_NAME);
  return {
    accountEnabled: true,
    displayName: displayName === '' ? upn.slice(0, upn.indexOf('@')) : displayName,
    ...(given === '' ? {} : { givenName: given }),
    ...(surname === '' ? {} : { surname }),
    mailNickname: upn.slice(0, upn.indexOf('@')),
    userPrincipalName: upn,
    usageLocation,
    otherMails: [r.address],
    passwordProfile: { forceChangePasswordNextSignIn: true, password: randomPassword() },
  };
}

export async function userStep(ctx: StepContext): Promise<void> {
  const { deps, r } = ctx;
  const t = templateOf(ctx);
  let upn = r.upn ?? (await chooseUpn(ctx, 'user'));
  for (let round = 0; upn !== undefined && round <= deps.config.upnMaxTries; round++) {
    const holder = await userHolding(deps.graph, upn, ctx.read);
    if (holder && ownedBy(holder, r.address)) {
      await deps.requests.complete(
        r.id,
        r.kind,
        'user',
        { user_id: holder.id },
        { action: 'directory.user-adopted', detail: { upn, userId: holder.id } },
      );
      return;
    }
    if (holder) {
      // Someone else holds the name (made outside graphsoc since it was chosen): the next free one.
      upn = await chooseUpn(ctx, 'user');
      continue;
    }
    let user: User;
    try {
      user = await ctx.write('createUser', (o) =>
        createUser(deps.graph, newUserBody(r, upn as string, t.config.usageLocation), o),
      );
    } catch (e) {
      const refusal = directoryRefusal(e);
      if (refusal?.kind === 'conflict' && refusal.target === 'userPrincipalName')
        throw new ProvisionDeferredError(
          `Graph says ${upn} is taken but does not show its user yet (replication); looking again later`,
        );
      throw e;
    }
    await deps.requests.complete(
      r.id,
      r.kind,
      'user',
      { user_id: user.id },
      { action: 'directory.user-created', detail: { upn, userId: user.id } },
    );
    return;
  }
}
