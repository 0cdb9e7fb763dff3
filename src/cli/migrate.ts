// `graphsoc db migrate`: applies pending migrations and lists them.
import { loadAppConfig } from '../app/config.js';
import { migrateStore } from '../app/migrations.js';
import { openDatabase } from '../platform/db/index.js';

export async function runMigrate(configPath: string | undefined): Promise<number> {
  const { config } = loadAppConfig({ path: configPath });
  const store = await openDatabase(config.database.url);
  try {
    const applied = await migrateStore(store);
    process.stdout.write(
      applied.length === 0
        ? 'database is up to date\n'
        : `applied ${applied.length}: ${applied.join(', ')}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
