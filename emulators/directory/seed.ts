// Seeding the directory: the zod shapes of tenants, app registrations, organizations, users, synthetic
// users and groups, and applying them. microsoft/seed.ts reads them from a seed directory.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { GUID_RE, newGuid } from '../shared/ids.js';
import { newGroup } from './group-properties.js';
import type { GraphGroup } from './group-store.js';
import type { DirectoryState } from './state.js';

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
/** A Graph group object plus `tenantId` (as for users) and `members`: user ids or userPrincipalNames. */
export const groupSchema = z
  .object({
    tenantId: z.string().min(1).optional(),
    displayName: z.string().min(1),
    mailNickname: z.string().min(1),
    members: z.array(z.string().min(1)).optional(),
  })
  .loose();

export const directorySeedFields = {
  organization: z.array(organizationSchema).optional(),
  tenants: z.array(tenantSchema).optional(),
  apps: z.array(appSchema).optional(),
  users: z.array(userSchema).optional(),
  synthetic: z.array(syntheticSchema).optional(),
  groups: z.array(groupSchema).optional(),
};
const directorySeedSchema = z.object(directorySeedFields);
export type DirectorySeed = z.infer<typeof directorySeedSchema>;
export type GroupSeed = z.input<typeof groupSchema>;

export function applyDirectorySeed(state: DirectoryState, seed: DirectorySeed, baseDir?: string): void {
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
  if (seed.groups) seedGroups(state, seed.groups);
}

/** Adds or replaces groups, then adds their members (who must exist in the group's tenant). */
export function seedGroups(state: DirectoryState, groups: GroupSeed[]): GraphGroup[] {
  return groups.map((raw) => {
    const { tenantId: ref, members, ...rest } = groupSchema.parse(raw);
    const tenantId = state.resolveTenant(ref, 'group has no tenantId');
    const id = typeof rest.id === 'string' && GUID_RE.test(rest.id) ? rest.id.toLowerCase() : newGuid();
    const group = state.groupsOf(tenantId).put(newGroup(rest, id, state.domainOf(tenantId)));
    for (const member of members ?? []) {
      const user = state.usersOf(tenantId).get(member);
      if (!user) throw new Error(`unknown user in tenant ${tenantId}: ${member}`);
      state.groupsOf(tenantId).addMember(group.id, user.id);
    }
    return group;
  });
}

function resolve(baseDir: string | undefined, path: string): string {
  return isAbsolute(path) || !baseDir ? path : join(baseDir, path);
}
