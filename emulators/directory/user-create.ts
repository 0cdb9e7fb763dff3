// POST /users and the checks PATCH /users shares with it, answering the directory's documented 400s:
// a required property missing, a userPrincipalName that is malformed, on an unverified domain or taken,
// a bad mailNickname, a password the cloud policy refuses, and a mail address another object holds.
// https://learn.microsoft.com/graph/api/user-post-users  https://learn.microsoft.com/graph/api/user-update
import { newGuid } from '../shared/ids.js';
import { badRequest } from '../graph/errors.js';
import { createdResponse, isResponse, objectBody } from '../graph/odata.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { accountsOf } from './accounts-state.js';
import { isVerifiedDomain } from './domains.js';
import {
  isComplexPassword,
  isValidMailNickname,
  isValidUpn,
  isValidUsageLocation,
  upnDomain,
} from './name-rules.js';
import { USER_SHAPE } from './user-properties.js';
import type { GraphUser, UserStore } from './user-store.js';

const REQUIRED_ON_CREATE = [
  'accountEnabled',
  'displayName',
  'mailNickname',
  'passwordProfile',
  'userPrincipalName',
];

const invalid = (key: string) => `Invalid value specified for property '${key}' of resource 'User'.`;
export const MESSAGES = {
  upn: 'Property userPrincipalName is invalid.',
  domain:
    'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
  password:
    'The specified password does not comply with password complexity requirements. Please provide a different password.',
  conflict: (property: string) =>
    `Another object with the same value for property ${property} already exists.`,
};

export function createUser(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const input = objectBody(call);
  if (isResponse(input)) return input;
  for (const key of REQUIRED_ON_CREATE) {
    if (input[key] === undefined || input[key] === null || input[key] === '')
      return badRequest(call, invalid(key));
  }
  const problem = propertyProblem(ctx, call, input);
  if (problem) return problem;
  const store = ctx.state.usersOf(call.principal.tenantId);
  // Conflicts are found on the writable copy, so a user not yet readable (replication) still conflicts.
  const conflict = conflictOf(call, store, input, undefined);
  if (conflict) return conflict;
  const accounts = accountsOf(ctx.state);
  const { passwordProfile: _secret, ...rest } = input;
  const user = store.upsert(
    {
      createdDateTime: new Date(accounts.now()).toISOString(),
      userType: 'Member',
      assignedLicenses: [],
      ...rest,
      id: newGuid(),
    },
    ctx.state.nextVersion(),
  );
  accounts.created(user.id);
  return createdResponse(ctx, call, user, USER_SHAPE, 'User');
}

/** The 400 for a property a create or update sets to something the directory refuses. */
export function propertyProblem(
  ctx: EmulatorContext,
  call: GraphCall,
  input: Record<string, unknown>,
): GraphResponse | undefined {
  if ('accountEnabled' in input && typeof input.accountEnabled !== 'boolean')
    return badRequest(call, invalid('accountEnabled'));
  if ('displayName' in input && (typeof input.displayName !== 'string' || input.displayName.length > 256))
    return badRequest(call, invalid('displayName'));
  if ('userPrincipalName' in input) {
    if (!isValidUpn(input.userPrincipalName)) return badRequest(call, MESSAGES.upn);
    if (!isVerifiedDomain(ctx, call.principal.tenantId, upnDomain(input.userPrincipalName)))
      return badRequest(call, MESSAGES.domain);
  }
  if ('mailNickname' in input && !isValidMailNickname(input.mailNickname))
    return badRequest(call, invalid('mailNickname'));
  if ('usageLocation' in input && input.usageLocation !== null && !isValidUsageLocation(input.usageLocation))
    return badRequest(call, invalid('usageLocation'));
  if ('mail' in input && input.mail !== null && !isValidUpn(input.mail))
    return badRequest(call, invalid('mail'));
  if ('passwordProfile' in input) return passwordProblem(call, input);
  return undefined;
}

/** passwordProfile needs a password the policy accepts, unless passwordPolicies disables strong passwords. */
function passwordProblem(call: GraphCall, input: Record<string, unknown>): GraphResponse | undefined {
  const profile = input.passwordProfile;
  if (typeof profile !== 'object' || profile === null || Array.isArray(profile))
    return badRequest(call, invalid('passwordProfile'));
  const { password } = profile as Record<string, unknown>;
  if (typeof password !== 'string' || password === '') return badRequest(call, invalid('passwordProfile'));
  const weakAllowed =
    typeof input.passwordPolicies === 'string' && input.passwordPolicies.includes('DisableStrongPassword');
  const acceptable = weakAllowed
    ? password.length >= 8 && password.length <= 256
    : isComplexPassword(password);
  return acceptable ? undefined : badRequest(call, MESSAGES.password);
}

/** 400 ObjectConflict when another user holds the userPrincipalName, or the mail address. */
export function conflictOf(
  call: GraphCall,
  store: UserStore,
  input: Record<string, unknown>,
  self: GraphUser | undefined,
): GraphResponse | undefined {
  const other = (u: GraphUser | undefined) => u !== undefined && u.id !== self?.id;
  if (typeof input.userPrincipalName === 'string' && other(store.get(input.userPrincipalName)))
    return objectConflict(call, 'userPrincipalName');
  if (typeof input.mail === 'string') {
    const holder = store.findByMail(input.mail);
    if (other(holder)) return objectConflict(call, 'proxyAddresses');
  }
  return undefined;
}

function objectConflict(call: GraphCall, property: string): GraphResponse {
  const r = badRequest(call, MESSAGES.conflict(property));
  const body = r.body as { error: Record<string, unknown> };
  body.error.details = [{ code: 'ObjectConflict', target: property, message: MESSAGES.conflict(property) }];
  return r;
}
