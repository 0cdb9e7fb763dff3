// `graphsoc db migrate`: applies pending migrations to the configured database (creating it when it is
// a SQLite file that does not exist yet) and says which database and which migrations.
import { loadAppConfig } from '../app/config.js';
import { migrateStore } from '../app/migrations.js';
import { openDatabase } from '../platform/db/index.js';
import { databaseName } from './database.js';

export interface MigrateOptions {
  configPath: string | undefined;
  env?: NodeJS.ProcessEnv;
  out?: (line: string) => void;
}

export async function runMigrate(o: MigrateOptions): Promise<number> {
  const out = o.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const { config } = loadAppConfig({ path: o.configPath, env: o.env ?? process.env });
  const name = databaseName(config.database.url);
  const store = await openDatabase(config.database.url);
  try {
    const applied = await migrateStore(store);
    out(
      applied.length === 0
        ? `${name}: up to date`
        : `${name}: applied ${applied.length}: ${applied.join(', ')}`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
