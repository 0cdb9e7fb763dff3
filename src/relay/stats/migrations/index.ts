// The relay's migrations: its statistics table, numbered after every other owner's.
import type { MigrationSet } from '../../../platform/db/index.js';
import { relayStats } from './0011_relay_stats.js';

export const relayMigrations: MigrationSet = {
  owner: 'relay',
  migrations: (dialect) => ({ '0011_relay_stats': relayStats(dialect) }),
};
