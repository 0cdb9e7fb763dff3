// The sandbox's own database, new at each start. The emulators start empty every time (a new tenant,
// secret, CA and ports, an Archer without incidents), so a database remembering the previous run
// would take the re-seeded reports for copies of recorded ones and leave them in the Inbox, and count
// incidents the new Archer does not have. Both sides start fresh instead.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/** Removes the previous run's SQLite database (and its journal files); returns the database URL. */
export function freshSandboxDatabase(dataDir: string): string {
  const file = join(dataDir, 'graphsoc.db');
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  return `sqlite:${file}`;
}
