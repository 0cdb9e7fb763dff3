// The threat-intel sync's migrations, numbered after every other owner's.
import type { MigrationSet } from '../../../platform/db/index.js';
import { intel } from './0008_intel.js';

export const intelMigrations: MigrationSet = {
  owner: 'intel',
  migrations: (dialect) => ({ '0008_intel': intel(dialect) }),
};
