// The provisioning part of the emulator handle: seed subscribed SKUs (their seats) and domains, read
// users, groups, licences and Temporary Access Passes back as the directory holds them, and set the
// replication delay, the write quota and the pass policy. Also the zod shapes the control API uses.
import { z } from 'zod';
import { GUID_RE } from '../shared/ids.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { accountsOf, type DomainRecord, type TapPolicy, type TapRecord } from './accounts-state.js';
import type { GraphGroup } from './group-store.js';
import type { GraphUser } from './user-store.js';
import type { WriteCounts, WriteLimitSettings } from './write-limit.js';

export const skuSeedSchema = z
  .object({
    skuId: z.string().regex(GUID_RE, 'must be a GUID'),
    skuPartNumber: z.string().min(1).max(200),
    /** Seats bought (prepaidUnits.enabled). */
    enabled: z.number().int().min(0),
    suspended: z.number().int().min(0).optional(),
    warning: z.number().int().min(0).optional(),
    capabilityStatus: z.enum(['Enabled', 'Warning', 'Suspended', 'Deleted', 'LockedOut']).optional(),
    appliesTo: z.enum(['User', 'Company']).optional(),
    servicePlans: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .strict();
export type SkuSeed = z.input<typeof skuSeedSchema>;

export const domainSeedSchema = z
  .object({
    id: z.string().min(3).max(255),
    isVerified: z.boolean(),
    authenticationType: z.enum(['Managed', 'Federated']).optional(),
    isDefault: z.boolean().optional(),
  })
  .strict();
export type DomainSeed = z.input<typeof domainSeedSchema>;

export const tapPolicySchema = z
  .object({
    minimumLifetimeInMinutes: z.number().int().min(10).max(43_200).optional(),
    maximumLifetimeInMinutes: z.number().int().min(10).max(43_200).optional(),
    defaultLifetimeInMinutes: z.number().int().min(10).max(43_200).optional(),
    defaultLength: z.number().int().min(8).max(48).optional(),
    isUsableOnce: z.boolean().optional(),
  })
  .strict();

/** A group as the directory holds it, with the ids of its members and owners. */
export type DirectoryGroup = GraphGroup & { members: string[]; owners: string[] };

export interface DirectoryAccountsApi {
  /** Adds or replaces a tenant's subscriptions; consumedUnits is counted from the licences assigned. */
  seedSkus(tenantId: string, skus: SkuSeed[]): void;
  /** Adds or replaces domains beyond the tenant's own (which are verified); isVerified decides UPNs. */
  seedDomains(tenantId: string, domains: DomainSeed[]): void;
  /** A user by id or UPN as stored, replicated or not. */
  directoryUser(tenantId: string, idOrUpn: string): GraphUser | undefined;
  /** Users added by seed or POST /users (not synthetic ones), oldest first. */
  directoryUsers(tenantId: string): GraphUser[];
  /** Every group with its members and owners (user ids), replicated or not. */
  directoryGroups(tenantId: string): DirectoryGroup[];
  /** skuIds a user holds. */
  userLicenses(tenantId: string, idOrUpn: string): string[];
  /** Seats per skuId: bought (enabled) and used (consumed). */
  licenseSeats(tenantId: string): Record<string, { enabled: number; consumed: number }>;
  /** The user's pass, with its secret, or undefined. */
  temporaryAccessPass(tenantId: string, idOrUpn: string): TapRecord | undefined;
  setTemporaryAccessPassPolicy(policy: Partial<TapPolicy>): void;
  /** New users and groups are not found by reads for this long (0 turns it off). */
  setReplicationDelay(ms: number): void;
  /** The directory write quota per app and tenant (default 3,000 per 150 s); resets the windows. */
  setDirectoryWriteLimit(settings: Partial<WriteLimitSettings>): void;
  /** Directory writes let through and answered 429, of one tenant or all. */
  directoryWrites(tenantId?: string): WriteCounts;
}

export function accountsHandle(ctx: EmulatorContext): DirectoryAccountsApi {
  const accounts = () => accountsOf(ctx.state);
  // Seeds may name a new tenant by GUID (it is added); reads never add one.
  const tenant = (ref: string) => ctx.state.resolveTenant(ref, 'no tenant named');
  const known = (ref: string) => ctx.state.findTenant(ref)?.id ?? ref.toLowerCase();
  const userId = (t: string, ref: string) => ctx.state.usersOf(t).get(ref)?.id;
  return {
    seedSkus: (ref, skus) => {
      const map = accounts().skus.of(tenant(ref));
      for (const raw of skus) {
        const s = skuSeedSchema.parse(raw);
        const skuId = s.skuId.toLowerCase();
        map.set(skuId, {
          skuId,
          skuPartNumber: s.skuPartNumber,
          capabilityStatus: s.capabilityStatus ?? 'Enabled',
          appliesTo: s.appliesTo ?? 'User',
          prepaidUnits: {
            enabled: s.enabled,
            suspended: s.suspended ?? 0,
            warning: s.warning ?? 0,
            lockedOut: 0,
          },
          servicePlans: s.servicePlans ?? [],
        });
      }
    },
    seedDomains: (ref, domains) => {
      const map = accounts().domains.of(tenant(ref));
      for (const raw of domains) {
        const d = domainSeedSchema.parse(raw);
        const id = d.id.toLowerCase();
        const record: DomainRecord = {
          id,
          authenticationType: d.authenticationType ?? 'Managed',
          isVerified: d.isVerified,
          isDefault: d.isDefault ?? false,
          isInitial: id.endsWith('.onmicrosoft.com'),
          isRoot: true,
          isAdminManaged: true,
          supportedServices: d.isVerified ? ['Email'] : [],
        };
        map.set(id, record);
      }
    },
    directoryUser: (ref, idOrUpn) => ctx.state.usersOf(known(ref)).get(idOrUpn),
    directoryUsers: (ref) => ctx.state.usersOf(known(ref)).explicitUsers(),
    directoryGroups: (ref) => {
      const store = ctx.state.groupsOf(known(ref));
      return store.list().map((g) => ({
        ...g,
        members: [...store.related('members', g.id)],
        owners: [...store.related('owners', g.id)],
      }));
    },
    userLicenses: (ref, idOrUpn) => {
      const user = ctx.state.usersOf(known(ref)).get(idOrUpn);
      const held = (user?.assignedLicenses as Array<{ skuId: string }> | undefined) ?? [];
      return held.map((l) => l.skuId);
    },
    licenseSeats: (ref) => {
      const t = known(ref);
      const out: Record<string, { enabled: number; consumed: number }> = {};
      for (const sku of accounts().skus.of(t).values())
        out[sku.skuId] = { enabled: sku.prepaidUnits.enabled, consumed: accounts().consumed(t, sku.skuId) };
      return out;
    },
    temporaryAccessPass: (ref, idOrUpn) => {
      const t = known(ref);
      const id = userId(t, idOrUpn);
      const tap = id === undefined ? undefined : accounts().taps.of(t).get(id);
      return tap && { ...tap };
    },
    setTemporaryAccessPassPolicy: (policy) => {
      accounts().tapPolicy = { ...accounts().tapPolicy, ...tapPolicySchema.parse(policy) };
    },
    setReplicationDelay: (ms) => {
      accounts().replicationDelayMs = Math.max(0, ms);
    },
    setDirectoryWriteLimit: (settings) => accounts().writes.configure(settings),
    directoryWrites: (ref) => accounts().writes.counted(ref === undefined ? undefined : known(ref)),
  };
}
