// Seeding security data: the zod shape of a security seed, and loading the security/ folder of a seed dir.
// Layout (every file optional; each a JSON array or a Graph collection {"value": [...]} as Graph returns it):
//   security/alerts_v2.json   microsoft.graph.security.alert objects; tenant from each object's tenantId
//   security/incidents.json   microsoft.graph.security.incident objects (inline "alerts" from $expand are kept)
//   security/alerts.json      legacy microsoft.graph.alert objects; tenant from azureTenantId
//   security/synthetic.json   {tenantId, count, seed?}: generated alerts, incidents and legacy alerts
//   security/<tenant>/...     the same files for one tenant (GUID or domain); tenant fields inside are ignored
// An object without a tenant goes to the only tenant the emulator has.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readSeedList } from '../shared/seed-file.js';
import type { SecurityData } from './store.js';
import { syntheticSecurityData } from './synthetic.js';
import type { DirectoryState } from '../directory/state.js';

const graphObject = z.object({ id: z.string().min(1) }).loose();
export const securitySyntheticSchema = z.object({
  tenantId: z.string().min(1).optional(),
  count: z.number().int().min(0).max(1_000_000),
  seed: z.number().int().optional(),
});
export const securitySeedSchema = z
  .object({
    /** Tenant GUID or domain; when omitted, each object's own tenant field decides. */
    tenantId: z.string().min(1).optional(),
    alertsV2: z.array(graphObject).optional(),
    incidents: z.array(graphObject).optional(),
    legacyAlerts: z.array(graphObject).optional(),
    synthetic: securitySyntheticSchema.optional(),
  })
  .strict();
export type SecuritySeed = z.infer<typeof securitySeedSchema>;

const FILES = {
  alertsV2: 'alerts_v2.json',
  incidents: 'incidents.json',
  legacyAlerts: 'alerts.json',
} as const;
const TENANT_FIELD = { alertsV2: 'tenantId', incidents: 'tenantId', legacyAlerts: 'azureTenantId' } as const;

/** Adds a seed's objects, grouped by tenant. */
export function applySecuritySeed(state: DirectoryState, seed: SecuritySeed): void {
  const groups = new Map<string, SecurityData>();
  for (const kind of Object.keys(FILES) as Array<keyof typeof FILES>) {
    for (const obj of seed[kind] ?? []) {
      const own = obj[TENANT_FIELD[kind]];
      const tenantId = tenantFor(state, seed.tenantId ?? (typeof own === 'string' ? own : undefined));
      const group = groups.get(tenantId) ?? {};
      const list = group[kind] ?? [];
      list.push(obj);
      group[kind] = list;
      groups.set(tenantId, group);
    }
  }
  for (const [tenantId, data] of groups) state.security.of(tenantId).add(data);
  if (seed.synthetic) {
    const tenantId = tenantFor(state, seed.synthetic.tenantId ?? seed.tenantId);
    const data = syntheticSecurityData(seed.synthetic.count, { tenantId, seed: seed.synthetic.seed });
    state.security.of(tenantId).add(data);
  }
}

/** Loads `<dir>/security/` if it exists (see the layout above). */
export function loadSecuritySeedDir(state: DirectoryState, dir: string): void {
  const root = join(dir, 'security');
  if (!existsSync(root)) return;
  loadFolder(state, root, undefined);
  for (const name of readdirSync(root)) {
    const sub = join(root, name);
    if (statSync(sub).isDirectory()) loadFolder(state, sub, name);
  }
}

/**
 * An export from a real tenant (alerts_v2.json, incidents.json, alerts.json in one folder, each a
 * Graph collection or array) as data for one emulated tenant, whatever tenant the objects name.
 */
export function securityExport(folder: string): SecurityData {
  const raw = readSecurityFiles(folder);
  const parsed = securitySeedSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`alerts folder ${folder}: ${describe(parsed.error)}`);
  const { alertsV2, incidents, legacyAlerts } = parsed.data;
  if (!alertsV2 && !incidents && !legacyAlerts) {
    throw new Error(`alerts folder ${folder} holds none of ${Object.values(FILES).join(', ')}`);
  }
  return {
    ...(alertsV2 ? { alertsV2 } : {}),
    ...(incidents ? { incidents } : {}),
    ...(legacyAlerts ? { legacyAlerts } : {}),
  };
}

/** Each file of FILES in the folder as its list; a single saved entity counts as a list of one. */
function readSecurityFiles(folder: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(FILES).map(([kind, file]) => [
      kind,
      readSeedList(join(folder, file), { singleEntity: true }),
    ]),
  );
}

function loadFolder(state: DirectoryState, folder: string, tenantId: string | undefined): void {
  const raw = readSecurityFiles(folder);
  const synthetic = readSeedList(join(folder, 'synthetic.json'), { singleEntity: true });
  const parsed = securitySeedSchema.safeParse({ ...raw, ...(tenantId ? { tenantId } : {}) });
  if (!parsed.success) throw new Error(`seed folder ${folder}: ${describe(parsed.error)}`);
  applySecuritySeed(state, parsed.data);
  for (const s of synthetic ?? []) {
    const one = securitySyntheticSchema.safeParse(s);
    if (!one.success) throw new Error(`seed file ${join(folder, 'synthetic.json')}: ${describe(one.error)}`);
    applySecuritySeed(state, { tenantId: one.data.tenantId ?? tenantId, synthetic: one.data });
  }
}

/** A tenant GUID or domain to a known tenant id; an unknown GUID adds the tenant, as users seeding does. */
function tenantFor(state: DirectoryState, ref: string | undefined): string {
  return state.resolveTenant(ref, 'security object has no tenant');
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.')}: ${issue?.message}`;
}
