// What the directory keeps for account provisioning beside users and groups: subscribed SKUs and who
// holds their seats, extra domains, Temporary Access Passes, the replication delay of new objects and
// the directory write limit, all on one clock tests can drive. One per DirectoryState.
import { getOrCreate, PerTenant } from '../shared/per-key.js';
import type { DirectoryState } from './state.js';
import { WriteLimit, type WriteLimitSettings } from './write-limit.js';

/** A subscription as GET /subscribedSkus shows it; consumedUnits is counted from the assignments. */
export interface SkuRecord {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: string;
  appliesTo: string;
  prepaidUnits: { enabled: number; suspended: number; warning: number; lockedOut: number };
  servicePlans: Array<Record<string, unknown>>;
}

/** A domain as GET /domains shows it. */
export interface DomainRecord {
  id: string;
  authenticationType: 'Managed' | 'Federated';
  isVerified: boolean;
  isDefault: boolean;
  isInitial: boolean;
  isRoot: boolean;
  isAdminManaged: boolean;
  supportedServices: string[];
}

/** A user's Temporary Access Pass; `temporaryAccessPass` is only ever shown by the create answer. */
export interface TapRecord {
  id: string;
  temporaryAccessPass: string;
  createdDateTime: string;
  startDateTime: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
}

/** The tenant's Temporary Access Pass policy (temporaryAccessPassAuthenticationMethodConfiguration). */
export interface TapPolicy {
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  defaultLifetimeInMinutes: number;
  defaultLength: number;
  isUsableOnce: boolean;
}

/** Microsoft's defaults for the policy. */
export const DEFAULT_TAP_POLICY: TapPolicy = {
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  defaultLifetimeInMinutes: 60,
  defaultLength: 8,
  isUsableOnce: false,
};

export interface AccountsOptions {
  now?: () => number;
  replicationDelayMs?: number;
  writeLimit?: Partial<WriteLimitSettings>;
}

export class AccountsState {
  now: () => number = Date.now;
  replicationDelayMs = 0;
  tapPolicy: TapPolicy = { ...DEFAULT_TAP_POLICY };
  readonly writes: WriteLimit;
  /** Per tenant: skuId → subscription. */
  readonly skus = new PerTenant(() => new Map<string, SkuRecord>());
  /** Per tenant: skuId → ids of the users holding one of its seats. */
  readonly seats = new PerTenant(() => new Map<string, Set<string>>());
  /** Per tenant: seeded domains beyond the tenant's own (lower-case name → domain). */
  readonly domains = new PerTenant(() => new Map<string, DomainRecord>());
  /** Per tenant: user id → the user's pass (a user has at most one). */
  readonly taps = new PerTenant(() => new Map<string, TapRecord>());
  /** Object id → the clock time from which reads find it. */
  private readonly visibleFrom = new Map<string, number>();

  constructor(private readonly initial: AccountsOptions = {}) {
    this.writes = new WriteLimit(() => this.now());
    this.applyInitial();
  }

  /** Starts the replication delay of an object written just now. */
  created(id: string): void {
    if (this.replicationDelayMs > 0)
      this.visibleFrom.set(id.toLowerCase(), this.now() + this.replicationDelayMs);
  }

  /** False while a new object has not yet reached the replicas that answer reads. */
  replicated(id: string): boolean {
    const from = this.visibleFrom.get(id.toLowerCase());
    if (from === undefined) return true;
    if (this.now() < from) return false;
    this.visibleFrom.delete(id.toLowerCase());
    return true;
  }

  /** Seats of a SKU in use. */
  consumed(tenantId: string, skuId: string): number {
    return this.seats.of(tenantId).get(skuId.toLowerCase())?.size ?? 0;
  }

  /** Frees every seat and the pass of a deleted user. */
  forgetUser(tenantId: string, userId: string): void {
    for (const holders of this.seats.of(tenantId).values()) holders.delete(userId.toLowerCase());
    this.taps.of(tenantId).delete(userId.toLowerCase());
  }

  clear(): void {
    this.skus.clear();
    this.seats.clear();
    this.domains.clear();
    this.taps.clear();
    this.visibleFrom.clear();
    this.tapPolicy = { ...DEFAULT_TAP_POLICY };
    this.writes.reset();
    this.applyInitial();
  }

  private applyInitial(): void {
    this.now = this.initial.now ?? Date.now;
    this.replicationDelayMs = this.initial.replicationDelayMs ?? 0;
    this.writes.configure(this.initial.writeLimit ?? {});
  }
}

const states = new WeakMap<DirectoryState, AccountsState>();

/** The provisioning state beside a directory; `opts` only counts the first time it is asked for. */
export function accountsOf(directory: DirectoryState, opts?: AccountsOptions): AccountsState {
  return getOrCreate(states, directory, () => new AccountsState(opts));
}
