// A provisioning world for the tests: the Graph emulator with a fresh tenant (verified domain, SKUs,
// groups), a test database on either dialect, the [accounts] config with templates, the requests
// repository, a notify that records what it was asked to send, a clock the tests can move forward
// (backoff without waiting), and the invariants every test ends on: one user per request, no orphans,
// no duplicates.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import type { EntraGraphEmulator } from '../../../emulators/index.js';
import { parseAccountsConfig, type AccountsConfig } from '../../../src/accounts/config.js';
import { compileTemplate, type CompiledTemplate } from '../../../src/accounts/policy/templates.js';
import {
  createProvisioner,
  type NotifyWhat,
  type Provisioner,
  type ProvisionerDeps,
} from '../../../src/accounts/provision/index.js';
import { AccountsAudit } from '../../../src/accounts/store/audit.js';
import {
  type AccountRequest,
  AccountRequests,
  type NewRequest,
} from '../../../src/accounts/store/requests.js';
import { createGraphClient, type GraphClient } from '../../../src/connectors/microsoft/graph/index.js';
import {
  createTokenProvider,
  forgetCachedApplications,
} from '../../../src/connectors/microsoft/identity/index.js';
import type { TenantConfig } from '../../../src/platform/config/tenant.js';
import type { Dialect } from '../../../src/platform/db/index.js';
import { type Clock, systemClock } from '../../../src/platform/http/index.js';
import {
  CLIENT_ID,
  freshTenant,
  GRAPH_ROLES,
  GRAPH_SCOPE,
  SECRET,
} from '../../connectors/microsoft/helpers.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { startEmulator } from '../../connectors/microsoft/helpers.js';

export const DOMAIN = 'contoso.onmicrosoft.com';
export const SKU_A = '314c4481-f395-4525-be8b-2ec4bb1e9d91';
export const SKU_B = '94763226-9b3c-4e75-a931-5c89701abe66';
export const ROLES = ['Group.ReadWrite.All', 'Directory.Read.All'];

/** A clock the test moves: `skew` is added to the wall clock; sleeps are real but short in tests. */
export class SkewClock implements Clock {
  skew = 0;
  now = (): number => Date.now() + this.skew;
  sleep = (ms: number, signal?: AbortSignal): Promise<void> => systemClock.sleep(ms, signal);
  advance(ms: number): void {
    this.skew += ms;
  }
}

export interface WorldOptions {
  dialect?: Dialect;
  /** Overrides of the [accounts] section. */
  accounts?: Record<string, unknown>;
  template?: Record<string, unknown>;
  seats?: number;
  /** An existing database (a second engine on the same store). */
  db?: TestDatabase;
}

export interface World {
  emu: EntraGraphEmulator;
  tenant: TenantConfig;
  graph: GraphClient;
  db: TestDatabase;
  config: AccountsConfig;
  templates: Map<string, CompiledTemplate>;
  requests: AccountRequests;
  audit: AccountsAudit;
  clock: SkewClock;
  /** Template groups (created in the tenant) and a joinable one. */
  groups: { a: string; b: string; joinable: string };
  notices: Array<{ id: string; what: NotifyWhat }>;
  /** Users that were there before the test's requests (not orphans). */
  seeded: Set<string>;
  deps(over?: Partial<ProvisionerDeps>): ProvisionerDeps;
  engine(over?: Partial<ProvisionerDeps>): Provisioner;
  file(n: number, over?: Partial<NewRequest>): Promise<AccountRequest[]>;
  close(): Promise<void>;
}

export const silentLogger = () => pino({ level: 'silent' });

export function graphClientFor(tenant: TenantConfig): GraphClient {
  // Short timeouts and few retries: the tests inject timeouts and 5xx and want them back quickly.
  return createGraphClient(tenant, createTokenProvider(tenant, { scopes: { graph: GRAPH_SCOPE } }), {
    retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 },
    timeout: { attemptTimeoutMs: 1500, headersTimeoutMs: 1500 },
  });
}

export function accountsSection(
  groups: World['groups'],
  o: Pick<WorldOptions, 'accounts' | 'template'> = {},
): Record<string, unknown> {
  return {
    enabled: false,
    upnDomains: [DOMAIN],
    templates: [
      {
        name: 'staff',
        domains: ['example.edu'],
        upnDomain: DOMAIN,
        usageLocation: 'DE',
        licences: ['STANDARDWOFFPACK_STUDENT'],
        groups: [groups.a, groups.b],
        accountLifetimeDays: 30,
        approvalRequired: false,
        ...o.template,
      },
    ],
    groups: { joinable: [groups.joinable], allowCreate: true },
    provisioning: { concurrency: 4, maxAttempts: 20 },
    ...o.accounts,
  };
}

export async function openWorld(emu: EntraGraphEmulator, o: WorldOptions = {}): Promise<World> {
  const tenant = freshTenant(emu);
  emu.registerApp({
    tenantId: tenant.tenantId,
    clientId: CLIENT_ID,
    secrets: [SECRET],
    roles: { graph: [...GRAPH_ROLES, ...ROLES] },
  });
  emu.seedDomains(tenant.tenantId, [{ id: DOMAIN, isVerified: true }]);
  emu.seedSkus(tenant.tenantId, [
    { skuId: SKU_A, skuPartNumber: 'STANDARDWOFFPACK_STUDENT', enabled: o.seats ?? 1000 },
    { skuId: SKU_B, skuPartNumber: 'OTHER_SKU', enabled: 5 },
  ]);
  const groups = { a: randomUUID(), b: randomUUID(), joinable: randomUUID() };
  emu.seedGroups([
    { tenantId: tenant.tenantId, id: groups.a, displayName: 'All staff', mailNickname: 'allstaff' },
    { tenantId: tenant.tenantId, id: groups.b, displayName: 'Wifi', mailNickname: 'wifi' },
    { tenantId: tenant.tenantId, id: groups.joinable, displayName: 'Choir', mailNickname: 'choir' },
  ]);
  const config = parseAccountsConfig(accountsSection(groups, o));
  const templates = new Map(config.templates.map((t) => [t.name, compileTemplate(t)]));
  const db = o.db ?? (await openTestDatabase(o.dialect ?? 'sqlite'));
  const clock = new SkewClock();
  const requests = new AccountRequests(db.store.db, clock.now);
  const audit = new AccountsAudit(db.store.db, clock.now);
  const graph = graphClientFor(tenant);
  const notices: World['notices'] = [];
  const seeded = new Set(emu.directoryUsers(tenant.tenantId).map((u) => u.id));
  const w: World = {
    emu,
    tenant,
    graph,
    db,
    config,
    templates,
    requests,
    audit,
    clock,
    groups,
    notices,
    seeded,
    deps: (over = {}) => ({
      config,
      templates,
      requests,
      audit,
      graph,
      clock,
      logger: silentLogger(),
      notify: async (r, what) => {
        notices.push({ id: r.id, what });
      },
      groupSettleMs: 200,
      ...over,
    }),
    engine: (over = {}) => createProvisioner(w.deps(over)),
    file: async (n, over = {}) => {
      const out: AccountRequest[] = [];
      for (let i = 0; i < n; i++)
        out.push(
          await requests.file(
            {
              kind: 'account',
              template: 'staff',
              address: `person${i}@example.edu`,
              givenName: 'Anna',
              surname: `Müller${i}`,
              locale: 'de',
              source: 'portal',
              approved: true,
              ...over,
            },
            'person',
          ),
        );
      return out;
    },
    close: async () => {
      await graph.close();
      if (!o.db) await db.cleanup();
    },
  };
  return w;
}

/** Every request final (not approved), or `timeoutMs` passed; moves the clock past each backoff. */
export async function drive(
  w: World,
  engines: Provisioner[],
  opts: { rounds?: number; pauseMs?: number } = {},
): Promise<void> {
  const rounds = opts.rounds ?? 300;
  for (let i = 0; i < rounds; i++) {
    const signal = new AbortController().signal;
    await Promise.all(engines.map((e) => e.runOnce(signal)));
    if ((await w.requests.counts()).approved === 0) return;
    w.clock.advance(20 * 60_000);
    await sleep(opts.pauseMs ?? 20);
  }
  assert.fail(`requests still approved after ${rounds} rounds: ${JSON.stringify(await w.requests.counts())}`);
}

/** All requests, any state. */
export async function allRequests(w: World): Promise<AccountRequest[]> {
  return w.requests.page({ limit: 100_000 });
}

/**
 * One user per done account request (its user_id, holding its address in otherMails), no
 * directory user that no request records (orphans), no two users for one address (duplicates).
 */
export async function assertSingleOutcome(w: World): Promise<{ orphans: number; duplicates: number }> {
  const users = w.emu.directoryUsers(w.tenant.tenantId).filter((u) => !w.seeded.has(u.id));
  const requests = await allRequests(w);
  const recorded = new Set(requests.flatMap((r) => (r.userId ? [r.userId] : [])));
  const orphans = users.filter((u) => !recorded.has(u.id));
  const byAddress = new Map<string, number>();
  for (const u of users)
    for (const m of (u.otherMails as string[] | undefined) ?? [])
      byAddress.set(m.toLowerCase(), (byAddress.get(m.toLowerCase()) ?? 0) + 1);
  const duplicates = [...byAddress.values()].filter((n) => n > 1).length;
  assert.deepEqual(
    orphans.map((u) => u.userPrincipalName),
    [],
    'directory users no request records (orphans)',
  );
  assert.equal(duplicates, 0, 'two users for one address');
  for (const r of requests.filter((q) => q.kind === 'account' && q.state === 'done')) {
    const u = users.find((x) => x.id === r.userId);
    assert.ok(u, `request ${r.id} records a user that exists`);
    assert.equal(String(u.userPrincipalName).toLowerCase(), r.upn);
  }
  return { orphans: orphans.length, duplicates };
}

/**
 * Registers the calling suite's before/after hooks: one emulator for the suite, and `open` for worlds
 * on it, each closed after the suite with the emulator.
 */
export function suiteWorlds(): { open(o?: WorldOptions): Promise<World> } {
  let emu: EntraGraphEmulator;
  const worlds: World[] = [];
  before(async () => {
    emu = await startEmulator();
  });
  after(async () => {
    for (const w of worlds) await w.close();
    await forgetCachedApplications();
    await emu.close();
  });
  return {
    async open(o = {}) {
      const w = await openWorld(emu, o);
      worlds.push(w);
      return w;
    },
  };
}
