// The self-service accounts feature's migrations, numbered after every other owner's.
import type { MigrationSet } from '../../../platform/db/index.js';
import { accounts } from './0014_accounts.js';

export const accountsMigrations: MigrationSet = {
  owner: 'accounts',
  migrations: (dialect) => ({ '0014_accounts': accounts(dialect) }),
};
