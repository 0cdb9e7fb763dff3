// What startEntraGraphEmulator takes and returns: its options and the handle tests, benchmarks and the
// sandbox drive the login, Graph, Defender and Sentinel listeners with.
import type { FaultRule } from '../shared/faults.js';
import type { RequestLogEntry } from '../shared/request-log.js';
import type { CertificateAuthority } from '../shared/tls.js';
import type { DefenderRateSettings } from '../defender/rate.js';
import type { DefenderData } from '../defender/store.js';
import type { DirectoryAccountsApi } from '../directory/accounts-handle.js';
import type { GroupSeed } from '../directory/seed.js';
import type { WriteLimitSettings } from '../directory/write-limit.js';
import type { AppRegistration } from '../directory/state.js';
import type { ThrottleSettings } from '../graph/throttle.js';
import type { MailEmulatorApi } from '../graph-mail/handle.js';
import type { SecurityData } from '../graph-security/store.js';
import type { TiIndicatorEmulatorApi } from '../graph-ti/handle.js';
import type { AppRoleAssignmentInput, SignInAppSettings } from '../identity/sign-in-apps.js';
import type { IssueTokenOptions } from '../identity/test-token.js';
import type { SentinelEmulatorApi } from '../sentinel/handle.js';
import type { SentinelRateSettings } from '../sentinel/rate.js';

export interface DefenderStats {
  /** Live indicators (expired ones are gone). */
  indicators: number;
  /** API writes (submit, import items) per `${indicatorType}|${lower-case value}`. */
  writes: Record<string, number>;
  /** Calls answered 429 by the per-API limits. */
  throttled: number;
  /** Authenticated calls per API: indicators-import, indicators-batchdelete, indicators-read, … */
  calls: Record<string, number>;
}

export interface EntraGraphEmulatorOptions {
  host?: string;
  loginPort?: number;
  graphPort?: number;
  /** Port of the Defender for Endpoint API listener (api.security.microsoft.com). */
  defenderPort?: number;
  latencyMs?: number;
  tokenLifetimeSec?: number;
  seedDir?: string;
  /** Token bucket per (app, tenant); defaults are loose (10,000 burst, 2,000/s). */
  throttle?: ThrottleSettings;
  /** How long new Defender machine actions stay Pending (default 2000 ms; reset returns to this). */
  defenderActionCompletionMs?: number;
  /** The Defender listener's clock (indicator expiry, rate windows); Date.now by default. */
  defenderNow?: () => number;
  /** Port of the Sentinel listener (upload APIs and the ARM indicator query). */
  sentinelPort?: number;
  /** Sentinel's request limit at start and after reset (default 100 a minute, timeScale 1). */
  sentinelRate?: Partial<SentinelRateSettings>;
  /** Reuse a CA (so several emulators share one trust anchor); a fresh one is made otherwise. */
  ca?: CertificateAuthority;
  /** The clock of user sign-in (code expiry, sessions, ID token times); Date.now by default. */
  signInNow?: () => number;
  /** The directory's clock (replication delay, write quota windows, Temporary Access Pass times). */
  directoryNow?: () => number;
  /** New users and groups are not found by reads for this long (default 0; reset returns to it). */
  replicationDelayMs?: number;
  /** The directory write quota per app and tenant (default 3,000 per 150 s; reset returns to this). */
  directoryWriteLimit?: Partial<WriteLimitSettings>;
}

export interface EntraGraphEmulator
  extends MailEmulatorApi,
    TiIndicatorEmulatorApi,
    SentinelEmulatorApi,
    DirectoryAccountsApi {
  loginUrl: string;
  graphUrl: string;
  /** Base URL of the Defender for Endpoint API (defenderBaseUrl); paths start with /api/. */
  defenderUrl: string;
  /**
   * Base URL of the Sentinel listener: the upload hosts (api.ti.sentinel.azure.com,
   * sentinelus.azure-api.net) and the ARM queryIndicators route.
   */
  sentinelUrl: string;
  caPem: string;
  caPath: string;
  /** Registers (or replaces) an app; redirectUris, appRoles and groupMembershipClaims are for user sign-in. */
  registerApp(app: AppRegistration & SignInAppSettings): void;
  /** Grants a user or group (by id or UPN) one of an app's roles; throws when any of them is unknown. */
  assignAppRole(assignment: AppRoleAssignmentInput): void;
  /** With autoApproveLoginHint, authorize signs the login_hint user in without the page. */
  setSignIn(settings: { autoApproveLoginHint: boolean }): void;
  /** Ends the browser sign-in sessions (of one tenant when given); returns how many ended. */
  endSignInSessions(tenantId?: string): number;
  addTenant(t: { id: string; displayName: string; domains?: string[] }): void;
  seedUsers(users: Array<Record<string, unknown>>): void;
  generateUsers(tenantId: string, count: number): void;
  /** Adds or replaces groups; `members` names users by id or userPrincipalName. */
  seedGroups(groups: GroupSeed[]): void;
  setLatency(ms: number): void;
  addFault(rule: FaultRule): string;
  clearFaults(): void;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  close(): Promise<void>;
  /** Additions beyond the shared contract. */
  setThrottle(settings: ThrottleSettings): void;
  removeFault(id: string): boolean;
  /** Mints an access token directly (no HTTP), e.g. an already expired one. */
  issueAccessToken(opts: IssueTokenOptions): Promise<string>;
  /** Adds Graph-shaped alerts_v2, incidents (inline `alerts` kept) and legacy alerts to a tenant. */
  seedSecurity(tenantId: string, data: SecurityData): void;
  /** Adds `count` synthetic alerts with incidents and matching legacy alerts (deterministic per seed). */
  generateSecurityAlerts(tenantId: string, count: number, opts?: { seed?: number }): void;
  /** The runHuntingQuery quota per tenant; default 45 calls, refilled at 45 per minute. */
  setHuntingThrottle(settings: ThrottleSettings): void;
  /** Adds machines, machine actions and indicators to a tenant's Defender for Endpoint data. */
  seedDefender(tenantId: string, data: DefenderData): void;
  /** A copy of a tenant's Defender data as the API would list it (actions newest last). */
  defenderData(tenantId: string): Required<DefenderData>;
  /**
   * Per-API call limits of the Defender API; default 100 a minute and 1,500 an hour, 30 a minute for
   * import and BatchDelete; `timeScale` compresses the windows (Retry-After is in scaled seconds).
   */
  setDefenderRateLimit(settings: DefenderRateSettings): void;
  /** Live indicators a tenant may hold (default 15,000; reset returns to it). */
  setDefenderIndicatorCap(cap: number): void;
  /** What a tenant's Defender callers did since the last reset, and how many indicators it holds. */
  defenderStats(tenantId: string): DefenderStats;
  /** How long new machine actions stay Pending before they read as Succeeded (default 2000 ms). */
  setDefenderActionCompletionMs(ms: number): void;
  /** Drops tenants, apps, users, faults, the request log and throttle state, then reloads seedDir. */
  reset(): void;
}
