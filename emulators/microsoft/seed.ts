// Seeding: the zod shapes of seed data, and loading a directory of Graph-shaped JSON seed files.
// Layout (every file optional, each a JSON array or a Graph collection {"value": [...]}):
//   organization.json  Graph organization objects: id, displayName, verifiedDomains[].name, other properties
//   tenants.json       {id, displayName, domains?}
//   apps.json          AppRegistration objects; a certificates entry may be a PEM or a file path relative to the dir
//   users.json         Graph user objects; tenantId names the tenant (may be omitted when there is exactly one)
//   synthetic.json     {tenantId, count}: synthetic users generated on demand
//   security/          alerts_v2, incidents and legacy alerts (see security-seed.ts)
//   mail/              mailboxes, folders and messages (see mail-seed.ts)
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { GUID_RE } from '../shared/ids.js';
import { readSeedList } from '../shared/seed-file.js';
import { loadMailSeedDir } from '../graph-mail/seed.js';
import { applySecuritySeed, loadSecuritySeedDir, securitySeedSchema } from '../graph-security/seed.js';
import type { DirectoryState } from '../directory/state.js';

const guid = z.string().regex(GUID_RE, 'must be a GUID');
const roleList = z.array(z.string().min(1));

export const tenantSchema = z.object({
  id: guid,
  displayName: z.string().min(1),
  domains: z.array(z.string().min(1)).optional(),
});
export const appSchema = z.object({
  tenantId: guid,
  clientId: guid,
  displayName: z.string().optional(),
  secrets: z.array(z.string().min(1)).optional(),
  certificates: z.array(z.string().min(1)).optional(),
  roles: z
    .object({ graph: roleList.optional(), management: roleList.optional(), defender: roleList.optional() })
    .strict()
    .optional(),
});
export const organizationSchema = z
  .object({
    id: guid,
    displayName: z.string().min(1),
    verifiedDomains: z.array(z.object({ name: z.string().min(1) }).loose()).optional(),
  })
  .loose();
export const userSchema = z.record(z.string(), z.unknown());
export const syntheticSchema = z.object({
  tenantId: z.string().min(1),
  count: z.number().int().min(0).max(5_000_000),
});

export const seedSchema = z
  .object({
    organization: z.array(organizationSchema).optional(),
    tenants: z.array(tenantSchema).optional(),
    apps: z.array(appSchema).optional(),
    users: z.array(userSchema).optional(),
    synthetic: z.array(syntheticSchema).optional(),
    security: z.array(securitySeedSchema).optional(),
    /** A seed directory on the emulator's machine, loaded after the inline data. */
    dir: z.string().min(1).optional(),
  })
  .strict();
export type SeedData = z.infer<typeof seedSchema>;

export function applySeed(state: DirectoryState, seed: SeedData, baseDir?: string): void {
  for (const org of seed.organization ?? []) {
    const { id, displayName, verifiedDomains, ...rest } = org;
    const domains = (verifiedDomains ?? []).map((d) => d.name);
    state.addTenant({ id, displayName, domains, organization: rest });
  }
  for (const t of seed.tenants ?? []) state.addTenant(t);
  for (const app of seed.apps ?? []) {
    const certificates = app.certificates?.map((c) =>
      c.includes('-----BEGIN') ? c : readFileSync(resolve(baseDir, c), 'utf8'),
    );
    state.registerApp({ ...app, certificates });
  }
  if (seed.users) state.seedUsers(seed.users);
  for (const s of seed.synthetic ?? []) state.generateUsers(s.tenantId, s.count);
  for (const s of seed.security ?? []) applySecuritySeed(state, s);
  if (seed.dir) loadSeedDir(state, seed.dir);
}

/** Reads the seed files of `dir` (see the layout above) and applies them. */
export function loadSeedDir(state: DirectoryState, dir: string): void {
  if (!existsSync(dir)) throw new Error(`seed directory ${dir} does not exist`);
  const read = (name: string) => readSeedList(join(dir, name));
  const raw = {
    organization: read('organization.json'),
    tenants: read('tenants.json'),
    apps: read('apps.json'),
    users: read('users.json'),
    synthetic: read('synthetic.json'),
  };
  const parsed = seedSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`seed directory ${dir}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  applySeed(state, parsed.data, dir);
  loadSecuritySeedDir(state, dir);
  loadMailSeedDir(state, dir);
}

function resolve(baseDir: string | undefined, path: string): string {
  return isAbsolute(path) || !baseDir ? path : join(baseDir, path);
}
