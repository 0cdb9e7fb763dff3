// Shared setup for the Graph resource tests: an emulator with a fresh tenant whose app has the roles a
// resource needs and a Graph client on it (before/after hooks of the calling suite), the Graph calls
// the emulator logged, and caller values that would change a URL's shape if they were not kept
// inside one path segment.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { EntraGraphEmulator } from '../../../../../emulators/index.js';
import {
  createGraphClient,
  type GraphClient,
  GraphError,
} from '../../../../../src/connectors/microsoft/graph/index.js';
import {
  createTokenProvider,
  forgetCachedApplications,
} from '../../../../../src/connectors/microsoft/identity/index.js';
import type { TenantConfig } from '../../../../../src/platform/config/tenant.js';
import { CLIENT_ID, freshTenant, GRAPH_ROLES, GRAPH_SCOPE, SECRET, startEmulator } from '../../helpers.js';

/** Ids and mailbox names with `/`, `..`, `?` and `#`: each must reach Graph as one segment. */
export const HOSTILE = ['../../organization', 'a/b', 'x?$top=1', 'x#frag', 'a/../..', '%2e%2e'];

export interface GraphFixture {
  emu: EntraGraphEmulator;
  graph: GraphClient;
  tenantId: string;
}

/**
 * Registers the suite's before/after hooks: an emulator, a tenant whose app holds `roles` besides
 * the directory roles, `seed` run on it, and a Graph client; the fields are set once `before` ran.
 */
export function graphFixture(
  roles: readonly string[],
  seed: (emu: EntraGraphEmulator, tenantId: string) => void = () => {},
): GraphFixture {
  const f = {} as GraphFixture;
  before(async () => {
    f.emu = await startEmulator();
    const tenant = freshTenant(f.emu);
    f.emu.registerApp({
      tenantId: tenant.tenantId,
      clientId: CLIENT_ID,
      secrets: [SECRET],
      roles: { graph: [...GRAPH_ROLES, ...roles] },
    });
    f.tenantId = tenant.tenantId;
    // newUser() names contoso.onmicrosoft.com, which Graph only accepts as a verified domain of the tenant.
    f.emu.seedDomains(tenant.tenantId, [{ id: 'contoso.onmicrosoft.com', isVerified: true }]);
    seed(f.emu, tenant.tenantId);
    f.graph = graphClientFor(tenant);
  });
  after(async () => {
    await f.graph.close();
    await forgetCachedApplications();
    await f.emu.close();
  });
  return f;
}

export function graphClientFor(tenant: TenantConfig): GraphClient {
  return createGraphClient(tenant, createTokenProvider(tenant, { scopes: { graph: GRAPH_SCOPE } }));
}

/** Graph calls the emulator answered (not $batch items), oldest first. */
export function graphCalls(emu: EntraGraphEmulator) {
  return emu.requests().filter((r) => r.host === 'graph' && !r.batched);
}

/** The last Graph call's path, split into segments and each decoded: what the server sees. */
export function lastSegments(emu: EntraGraphEmulator): string[] {
  const last = graphCalls(emu).at(-1);
  if (!last) throw new Error('no Graph call was logged');
  return last.path.split('/').map((s) => decodeURIComponent(s));
}

/**
 * Calls each of `runs` with each HOSTILE value: Graph must refuse it (the value names nothing) and
 * the request must have gone to `path(value)` below the version, the value one segment of it.
 */
export async function staysInOneSegment(
  f: GraphFixture,
  path: (value: string) => string[],
  ...runs: Array<(value: string) => Promise<unknown>>
): Promise<void> {
  for (const run of runs) {
    for (const bad of HOSTILE) {
      await assert.rejects(run(bad), GraphError, bad);
      assert.deepEqual(lastSegments(f.emu), ['', 'v1.0', ...path(bad)], bad);
    }
  }
}

/** The body of a new user as Graph requires it. */
export function newUser(nick: string): Record<string, unknown> {
  return {
    accountEnabled: true,
    displayName: `User ${nick}`,
    mailNickname: nick,
    userPrincipalName: `${nick}@contoso.onmicrosoft.com`,
    passwordProfile: { forceChangePasswordNextSignIn: true, password: 'Xy!9-not-a-real-password' },
  };
}
