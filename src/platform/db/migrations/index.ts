// The platform's own migrations (leases, their history, the key-value table; the console's sessions,
// sign-in attempts and audit log, and its sign-ins under way; the dependency checks' history).
// Features list theirs in their own stores; the numbers are unique across every owner (see
// ../migration-set.ts).
import type { MigrationSet } from '../migration-set.js';
import { leases } from './0001_leases.js';
import { consoleTables } from './0009_console.js';
import { healthEvents } from './0012_health_events.js';
import { consoleSignInFlows } from './0013_console_sign_in_flows.js';

export const platformMigrations: MigrationSet = {
  owner: 'platform',
  migrations: (dialect) => ({
    '0001_leases': leases(dialect),
    '0009_console': consoleTables(dialect),
    '0012_health_events': healthEvents(dialect),
    '0013_console_sign_in_flows': consoleSignInFlows(),
  }),
};
