// Seeding all three Microsoft services at once: the seed the control API's POST /seed takes, and a
// seed directory of Graph-shaped JSON files. Layout (every file optional, each a JSON array or a
// Graph collection {"value": [...]}):
//   organization.json  Graph organization objects: id, displayName, verifiedDomains[].name, other properties
//   tenants.json       {id, displayName, domains?}
//   apps.json          AppRegistration objects; a certificates entry may be a PEM or a file path relative to the dir
//   users.json         Graph user objects; tenantId names the tenant (may be omitted when there is exactly one)
//   synthetic.json     {tenantId, count}: synthetic users generated on demand
//   groups.json        Graph group objects with tenantId (as for users) and members (user ids or UPNs)
//   security/          alerts_v2, incidents and legacy alerts (see graph-security/seed.ts)
//   mail/              mailboxes, folders and messages (see graph-mail/seed.ts)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readSeedList } from '../shared/seed-file.js';
import { applyDirectorySeed, directorySeedFields } from '../directory/seed.js';
import type { DirectoryState } from '../directory/state.js';
import { loadMailSeedDir } from '../graph-mail/seed.js';
import { applySecuritySeed, loadSecuritySeedDir, securitySeedSchema } from '../graph-security/seed.js';

export const seedSchema = z
  .object({
    ...directorySeedFields,
    security: z.array(securitySeedSchema).optional(),
    /** A seed directory on the emulator's machine, loaded after the inline data. */
    dir: z.string().min(1).optional(),
  })
  .strict();
export type SeedData = z.infer<typeof seedSchema>;

export function applySeed(state: DirectoryState, seed: SeedData, baseDir?: string): void {
  applyDirectorySeed(state, seed, baseDir);
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
    groups: read('groups.json'),
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
