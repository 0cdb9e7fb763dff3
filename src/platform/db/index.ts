// The database layer: open a store (SQLite or PostgreSQL), migrate it, ping it. The sole entry point.
export { type Stamp, statementStamp } from './clock.js';
export {
  DatabaseUnreachableError,
  DatabaseUrlError,
  errors,
  isUniqueViolation,
  MigrationError,
} from './errors.js';
export { KvState } from './kv.js';
export { allMigrations, MIGRATION_LOCK_TABLE, MIGRATION_TABLE, migrateToLatest } from './migrate.js';
export { MIGRATION_NAME, type MigrationSet } from './migration-set.js';
export { platformMigrations } from './migrations/index.js';
export { dialectOf, type OpenOptions, openDatabase, pingDatabase, type Store } from './open.js';
export type {
  Database,
  HealthEventsTable,
  KvStateTable,
  LeaseEventKind,
  LeaseEventsTable,
  LeasesTable,
} from './schema.js';
export { type DatabaseTarget, type Dialect, parseDatabaseUrl, redactDatabaseUrl } from './url.js';
