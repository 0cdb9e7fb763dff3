// Migrates a store to the platform's tables and every registered feature's, in their numbered order.
// A feature's tables exist whether or not it is enabled, so turning one on later needs no step.
import { type MigrationSet, migrateToLatest, type Store } from '../platform/db/index.js';
import { FEATURES } from './registry.js';

export const FEATURE_MIGRATIONS: readonly MigrationSet[] = FEATURES.flatMap((f) =>
  f.migrations ? [f.migrations] : [],
);

export function migrateStore(store: Pick<Store, 'db' | 'dialect'>): Promise<string[]> {
  return migrateToLatest(store, FEATURE_MIGRATIONS);
}
