// What an app registration adds for user sign-in: redirect URIs, app roles and the groups claim setting,
// and the app role assignments of users and groups; read by the authorize and token endpoints.
// https://learn.microsoft.com/graph/api/resources/application (web.redirectUris, appRoles, groupMembershipClaims)
// https://learn.microsoft.com/graph/api/resources/approleassignment
import { z } from 'zod';
import { GUID_RE } from '../shared/ids.js';

const guid = z.string().regex(GUID_RE, 'must be a GUID');

export const appRoleSchema = z
  .object({
    id: guid,
    value: z.string().min(1).max(120),
    displayName: z.string().optional(),
    description: z.string().optional(),
    allowedMemberTypes: z.array(z.enum(['User', 'Application'])).default(['User']),
    isEnabled: z.boolean().default(true),
  })
  .strict();
export type AppRole = z.infer<typeof appRoleSchema>;

/** The application's manifest values that decide what a user's ID token carries. */
export const signInAppFields = {
  /** Web platform redirect URIs, compared exactly (a loopback URI's port excepted). */
  redirectUris: z.array(z.string().url().max(256)).max(256).optional(),
  appRoles: z.array(appRoleSchema).max(1500).optional(),
  /** None (no claim), SecurityGroup (security groups), All, or ApplicationGroup (groups assigned to the app). */
  groupMembershipClaims: z.enum(['None', 'SecurityGroup', 'All', 'ApplicationGroup']).optional(),
};
const signInAppSchema = z.object(signInAppFields);
export type SignInAppSettings = z.input<typeof signInAppSchema>;
export interface SignInApp {
  redirectUris: string[];
  appRoles: AppRole[];
  groupMembershipClaims: 'None' | 'SecurityGroup' | 'All' | 'ApplicationGroup';
}

export function toSignInApp(raw: SignInAppSettings): SignInApp {
  const s = signInAppSchema.parse(raw);
  return {
    redirectUris: s.redirectUris ?? [],
    appRoles: s.appRoles ?? [],
    groupMembershipClaims: s.groupMembershipClaims ?? 'None',
  };
}

/**
 * An app role granted to a user or a group (principal: an object id, or a user's UPN), on the app named
 * by clientId; `appRoleId` or the role's `value` picks the role. A group's members get its roles.
 */
export const appRoleAssignmentSchema = z
  .object({
    tenantId: z.string().min(1),
    clientId: guid,
    principal: z.string().min(1).max(256),
    appRoleId: guid.optional(),
    value: z.string().min(1).optional(),
  })
  .strict()
  .refine((a) => (a.appRoleId === undefined) !== (a.value === undefined), 'give appRoleId or value');
export type AppRoleAssignmentInput = z.infer<typeof appRoleAssignmentSchema>;

/** Whether a redirect URI sent by a client matches a registered one. */
export function redirectUriMatches(registered: string, sent: string): boolean {
  if (registered === sent) return true;
  // Loopback URIs ignore the port, so native and local apps can listen on any free port (RFC 8252 §7.3).
  // https://learn.microsoft.com/entra/identity-platform/reply-url#localhost-exceptions
  let a: URL;
  let b: URL;
  try {
    a = new URL(registered);
    b = new URL(sent);
  } catch {
    return false;
  }
  const loopback = (u: URL) =>
    u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  return (
    loopback(a) &&
    loopback(b) &&
    a.hostname === b.hostname &&
    a.pathname === b.pathname &&
    a.search === b.search
  );
}
