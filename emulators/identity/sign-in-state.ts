// The sign-in state beside one emulator's directory: apps' sign-in settings, app role assignments,
// authorize requests waiting on the sign-in page, authorization codes, browser sessions and refresh
// tokens, and the clock they all read. Cleared by the emulator's reset.
import { randomBytes } from 'node:crypto';
import type { AppRecord, AppRegistration, DirectoryState } from '../directory/state.js';
import type { GraphUser } from '../directory/user-store.js';
import { getOrCreate } from '../shared/per-key.js';
import {
  type AppRoleAssignmentInput,
  type SignInApp,
  type SignInAppSettings,
  toSignInApp,
} from './sign-in-apps.js';

/** An authorize request that passed validation: what the code, the redirect and the tokens need. */
export interface AuthorizeRequest {
  tenantId: string;
  clientId: string;
  redirectUri: string;
  responseMode: 'query' | 'fragment' | 'form_post';
  /** The scope parameter as sent (already validated). */
  scope: string;
  state?: string | undefined;
  nonce?: string | undefined;
  codeChallenge?: string | undefined;
  codeChallengeMethod?: 'S256' | 'plain' | undefined;
  loginHint?: string | undefined;
}

/** Who signed in, and when (seconds), as carried from the session to the code to the tokens. */
export interface SignedIn {
  userId: string;
  authTimeSec: number;
  sessionId: string;
}

export interface AuthCode {
  request: AuthorizeRequest;
  who: SignedIn;
  issuedAtMs: number;
  redeemed: boolean;
}

export interface RefreshGrant {
  tenantId: string;
  clientId: string;
  scope: string;
  who: SignedIn;
}

interface Assignment {
  clientId: string;
  principalId: string;
  appRoleId: string;
}

/** Bounds each map so a long benchmark cannot grow it without end (oldest entries go first). */
const MAX_ENTRIES = 20_000;
/** How long the sign-in page may stay open before its form is refused. */
export const PENDING_TTL_MS = 60 * 60 * 1000;

export class SignInState {
  now: () => number = Date.now;
  /** Sign the user named by login_hint in without the page (for tests without a browser). */
  autoApproveLoginHint = false;
  private readonly apps = new Map<string, SignInApp>();
  private readonly assignments = new Map<string, Assignment[]>();
  readonly pending = new Map<string, { request: AuthorizeRequest; createdAtMs: number }>();
  readonly codes = new Map<string, AuthCode>();
  readonly sessions = new Map<string, { tenantId: string; who: SignedIn }>();
  readonly refreshTokens = new Map<string, RefreshGrant>();

  constructor(private readonly directory: DirectoryState) {}

  configureApp(tenantId: string, clientId: string, settings: SignInAppSettings): void {
    this.apps.set(`${tenantId.toLowerCase()}/${clientId.toLowerCase()}`, toSignInApp(settings));
  }

  /** The app's sign-in settings; an app registered without them has none (no redirect URI matches). */
  appOf(tenantId: string, clientId: string): SignInApp {
    return (
      this.apps.get(`${tenantId}/${clientId.toLowerCase()}`) ?? {
        redirectUris: [],
        appRoles: [],
        groupMembershipClaims: 'None',
      }
    );
  }

  /** Records an assignment; throws (with the reason) when the app, role or principal is unknown. */
  assign(a: AppRoleAssignmentInput): void {
    const tenantId = this.directory.resolveTenant(a.tenantId, 'assignment has no tenantId');
    if (!this.directory.findApp(tenantId, a.clientId)) throw new Error(`unknown app ${a.clientId}`);
    const role = this.appOf(tenantId, a.clientId).appRoles.find((r) =>
      a.appRoleId ? r.id.toLowerCase() === a.appRoleId.toLowerCase() : r.value === a.value,
    );
    if (!role) throw new Error(`app ${a.clientId} has no app role ${a.appRoleId ?? a.value}`);
    const principalId =
      this.directory.usersOf(tenantId).get(a.principal)?.id ??
      this.directory.groupsOf(tenantId).get(a.principal)?.id;
    if (!principalId) throw new Error(`unknown user or group in tenant ${tenantId}: ${a.principal}`);
    const list = getOrCreate(this.assignments, tenantId, () => []);
    const entry = { clientId: a.clientId.toLowerCase(), principalId, appRoleId: role.id.toLowerCase() };
    if (
      !list.some(
        (x) =>
          x.clientId === entry.clientId && x.principalId === principalId && x.appRoleId === entry.appRoleId,
      )
    )
      list.push(entry);
  }

  /** The values of the enabled user roles the user holds on the app, directly or through a group. */
  rolesOf(tenantId: string, clientId: string, user: GraphUser): string[] {
    const principals = new Set([user.id, ...this.groupIdsOf(tenantId, user.id)]);
    const held = new Set(
      (this.assignments.get(tenantId) ?? [])
        .filter((x) => x.clientId === clientId.toLowerCase() && principals.has(x.principalId))
        .map((x) => x.appRoleId),
    );
    return this.appOf(tenantId, clientId)
      .appRoles.filter(
        (r) => r.isEnabled && r.allowedMemberTypes.includes('User') && held.has(r.id.toLowerCase()),
      )
      .map((r) => r.value);
  }

  /** The ids of the groups the app's groupMembershipClaims setting puts in the user's token, or none. */
  groupClaimOf(tenantId: string, clientId: string, userId: string): string[] | undefined {
    const setting = this.appOf(tenantId, clientId).groupMembershipClaims;
    if (setting === 'None') return undefined;
    const groups = this.directory.groupsOf(tenantId);
    const ids = this.groupIdsOf(tenantId, userId);
    if (setting === 'All') return ids;
    if (setting === 'SecurityGroup') return ids.filter((id) => groups.get(id)?.securityEnabled === true);
    const assigned = new Set(
      (this.assignments.get(tenantId) ?? [])
        .filter((x) => x.clientId === clientId.toLowerCase())
        .map((x) => x.principalId),
    );
    return ids.filter((id) => assigned.has(id));
  }

  /** Direct memberships only: the emulator's groups hold users, not other groups. */
  private groupIdsOf(tenantId: string, userId: string): string[] {
    const groups = this.directory.groupsOf(tenantId);
    const id = userId.toLowerCase();
    return groups
      .list()
      .filter((g) => groups.membersOf(g.id).includes(id))
      .map((g) => g.id);
  }

  /** Stores a value under a new random handle (codes, session ids, refresh tokens). */
  put<V>(map: Map<string, V>, prefix: string, value: V): string {
    const key = prefix + randomBytes(32).toString('base64url');
    if (map.size >= MAX_ENTRIES) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
    map.set(key, value);
    return key;
  }

  /** Ends every browser session (of one tenant when given); returns how many ended. */
  endSessions(tenantId?: string): number {
    let ended = 0;
    for (const [id, s] of this.sessions) {
      if (tenantId !== undefined && s.tenantId !== tenantId.toLowerCase()) continue;
      this.sessions.delete(id);
      ended += 1;
    }
    return ended;
  }

  clear(): void {
    this.apps.clear();
    this.assignments.clear();
    this.pending.clear();
    this.codes.clear();
    this.sessions.clear();
    this.refreshTokens.clear();
    this.autoApproveLoginHint = false;
  }
}

const states = new WeakMap<DirectoryState, SignInState>();

/** The sign-in state of the emulator that owns `directory`. */
export function signInOf(directory: DirectoryState): SignInState {
  return getOrCreate(states, directory, () => new SignInState(directory));
}

/** Registers (or replaces) an app in the directory together with its sign-in settings. */
export function registerSignInApp(
  directory: DirectoryState,
  app: AppRegistration & SignInAppSettings,
): AppRecord {
  const { redirectUris, appRoles, groupMembershipClaims, ...registration } = app;
  const record = directory.registerApp(registration);
  signInOf(directory).configureApp(record.tenantId, record.clientId, {
    redirectUris,
    appRoles,
    groupMembershipClaims,
  });
  return record;
}
