// A group of migrations with one owner (the platform, or one feature). Every migration name starts
// with a four-digit number unique across all owners: kysely applies pending migrations in name
// order, so the numbers are the one order in which every database gets its tables.
import type { Migration } from 'kysely';
import type { Dialect } from './url.js';

export interface MigrationSet {
  /** `platform` or the feature's name; shown by `db migrate` and in migration errors. */
  owner: string;
  /** Name → migration; a name never changes once released. */
  migrations(dialect: Dialect): Record<string, Migration>;
}

export const MIGRATION_NAME = /^\d{4}_[a-z0-9_]+$/;
