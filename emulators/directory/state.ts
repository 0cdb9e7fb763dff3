// Directory state of the emulator: tenants, app registrations (with their credentials), users and
// groups, plus each tenant's security data (kept by graph-security/store.ts).
import { createPublicKey, type KeyObject } from 'node:crypto';
import { certificateThumbprints } from '../shared/tls.js';
import { GUID_RE, newGuid } from '../shared/ids.js';
import { getOrCreate } from '../shared/per-key.js';
import { SecurityState } from '../graph-security/store.js';
import { GroupStore } from './group-store.js';
import { type GraphUser, UserStore } from './user-store.js';

export type ResourceKey = 'graph' | 'management' | 'defender';

export interface AppRegistration {
  tenantId: string;
  clientId: string;
  displayName?: string;
  secrets?: string[];
  certificates?: string[];
  roles?: Partial<Record<ResourceKey, string[]>>;
}

export interface Tenant {
  id: string;
  displayName: string;
  domains: string[];
  createdDateTime: string;
  /** Extra organization properties from a seed file. */
  organization: Record<string, unknown>;
}

export interface RegisteredCertificate {
  pem: string;
  x5t: string;
  x5tS256: string;
  publicKey: KeyObject;
}

export interface AppRecord extends AppRegistration {
  certs: RegisteredCertificate[];
}

export class DirectoryState {
  readonly tenants = new Map<string, Tenant>();
  readonly apps = new Map<string, AppRecord>();
  private readonly users = new Map<string, UserStore>();
  private readonly groups = new Map<string, GroupStore>();
  /** alerts_v2, incidents and legacy alerts per tenant, and the advanced hunting throttle. */
  readonly security = new SecurityState();
  /** Monotonic change counter; never reset, so old delta tokens stay meaningful. */
  private version = 0;

  nextVersion(): number {
    this.version += 1;
    return this.version;
  }

  get currentVersion(): number {
    return this.version;
  }

  addTenant(t: {
    id: string;
    displayName: string;
    domains?: string[];
    organization?: Record<string, unknown>;
  }): Tenant {
    if (!GUID_RE.test(t.id)) throw new Error(`tenant id must be a GUID: ${t.id}`);
    const id = t.id.toLowerCase();
    const existing = this.tenants.get(id);
    const domains =
      t.domains && t.domains.length > 0
        ? t.domains
        : (existing?.domains ?? [`tenant${id.slice(0, 8)}.onmicrosoft.com`]);
    const tenant: Tenant = {
      id,
      displayName: t.displayName,
      domains: domains.map((d) => d.toLowerCase()),
      createdDateTime: existing?.createdDateTime ?? new Date().toISOString(),
      organization: { ...existing?.organization, ...t.organization },
    };
    this.tenants.set(id, tenant);
    return tenant;
  }

  /** Finds a tenant by GUID or by one of its domains. */
  findTenant(ref: string): Tenant | undefined {
    const key = ref.toLowerCase();
    const byId = this.tenants.get(key);
    if (byId) return byId;
    for (const t of this.tenants.values()) if (t.domains.includes(key)) return t;
    return undefined;
  }

  registerApp(app: AppRegistration): AppRecord {
    if (!GUID_RE.test(app.clientId)) throw new Error(`clientId must be a GUID: ${app.clientId}`);
    const tenantId = app.tenantId.toLowerCase();
    if (!this.tenants.has(tenantId))
      this.addTenant({ id: tenantId, displayName: `Tenant ${tenantId.slice(0, 8)}` });
    const certs = (app.certificates ?? []).map((pem) => {
      const t = certificateThumbprints(pem);
      return { pem, x5t: t.x5t, x5tS256: t.x5tS256, publicKey: createPublicKey(pem) };
    });
    const record: AppRecord = { ...app, tenantId, clientId: app.clientId.toLowerCase(), certs };
    this.apps.set(`${tenantId}/${record.clientId}`, record);
    return record;
  }

  findApp(tenantId: string, clientId: string): AppRecord | undefined {
    return this.apps.get(`${tenantId}/${clientId.toLowerCase()}`);
  }

  usersOf(tenantId: string): UserStore {
    return getOrCreate(this.users, tenantId, () => new UserStore(tenantId, this.domainOf(tenantId)));
  }

  groupsOf(tenantId: string): GroupStore {
    return getOrCreate(this.groups, tenantId, () => new GroupStore());
  }

  /** The tenant's first (default) domain, for addresses the directory makes up. */
  domainOf(tenantId: string): string {
    return this.tenants.get(tenantId)?.domains[0] ?? 'example.onmicrosoft.com';
  }

  /** Adds or replaces users; each needs a tenant (its `tenantId` key, else the only tenant). */
  seedUsers(users: Array<Record<string, unknown>>): GraphUser[] {
    return users.map((raw) => {
      const { tenantId: rawTenant, ...rest } = raw;
      const tenantId = this.resolveTenant(
        typeof rawTenant === 'string' ? rawTenant : undefined,
        'user has no tenantId',
      );
      const id = typeof rest.id === 'string' && GUID_RE.test(rest.id) ? rest.id : newGuid();
      const user: GraphUser = {
        createdDateTime: new Date().toISOString(),
        accountEnabled: true,
        ...rest,
        id,
      };
      return this.usersOf(tenantId).upsert(user, this.nextVersion());
    });
  }

  generateUsers(tenantId: string, count: number): void {
    const id = this.resolveTenant(tenantId, 'user has no tenantId');
    this.usersOf(id).generate(count, this.nextVersion());
  }

  clear(): void {
    this.tenants.clear();
    this.apps.clear();
    this.users.clear();
    this.groups.clear();
    this.security.clear();
  }

  /**
   * The tenant a seeded object belongs to: a GUID or domain names a known tenant (an unknown GUID adds
   * it); none means the only tenant. `missing` begins the error when there is not exactly one.
   */
  resolveTenant(ref: string | undefined, missing: string): string {
    if (ref !== undefined) {
      const tenant = this.findTenant(ref);
      if (tenant) return tenant.id;
      if (GUID_RE.test(ref)) return this.addTenant({ id: ref, displayName: `Tenant ${ref.slice(0, 8)}` }).id;
      throw new Error(`unknown tenant: ${ref}`);
    }
    const [only, ...others] = [...this.tenants.keys()];
    if (only === undefined || others.length > 0) {
      throw new Error(`${missing} and the emulator does not have exactly one tenant`);
    }
    return only;
  }
}
