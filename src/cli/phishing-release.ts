// `graphsoc phishing release`: sends quarantined reports back to the pipeline once their cause is
// fixed (a field Archer refused, an outage that lasted past phishing.maxOutageHours). A released report
// starts again from the step it had reached, with its attempts reset; the mailbox's owner picks it up
// within seconds. Without ids it lists what is quarantined. It names the database it works on, and
// refuses one that serve has not made (exit 2) rather than create it.
import { loadAppConfig } from '../app/config.js';
import { migrateStore } from '../app/migrations.js';
import { ReportStore } from '../phishing/index.js';
import { databaseName, openExistingDatabase } from './database.js';
import { DatabaseMissingError } from './errors.js';

export interface ReleaseOptions {
  configPath: string | undefined;
  env?: NodeJS.ProcessEnv;
  ids: string[];
  all: boolean;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** Everything quarantined fits one listing; a larger quarantine is a bigger problem than this command. */
const LIST_LIMIT = 10_000;

export async function runPhishingRelease(o: ReleaseOptions): Promise<number> {
  const out = o.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = o.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const ids = o.ids.map(Number);
  const bad = o.ids.filter((_, i) => !Number.isSafeInteger(ids[i]) || (ids[i] as number) <= 0);
  if (bad.length > 0) {
    err(`not a report id: ${bad.join(', ')}`);
    return 2;
  }
  if (o.all && ids.length > 0) {
    err('give report ids or --all, not both');
    return 2;
  }
  const { config } = loadAppConfig({ path: o.configPath, env: o.env ?? process.env });
  let store: Awaited<ReturnType<typeof openExistingDatabase>>;
  try {
    store = await openExistingDatabase(config.database.url, 'phishing release');
  } catch (e) {
    if (!(e instanceof DatabaseMissingError)) throw e;
    err(`${e.code}: ${e.message}`);
    return 2;
  }
  err(`database: ${databaseName(config.database.url)}`);
  try {
    // serve's database, perhaps of an older release: brought to this release's tables, as serve would.
    await migrateStore(store);
    const reports = new ReportStore(store.db);
    const quarantined = await reports.quarantined(LIST_LIMIT);
    if (!o.all && ids.length === 0) {
      if (quarantined.length === 0) out('no report is quarantined');
      for (const r of quarantined) {
        const since = new Date(r.updated_at).toISOString();
        out(`${r.id}\t${r.mailbox}\t${since}\t${r.attempts} attempts\t${r.last_error ?? ''}`);
      }
      return 0;
    }
    let failed = 0;
    for (const id of o.all ? quarantined.map((r) => r.id) : ids) {
      if (await reports.release(id)) out(`released report ${id}`);
      else {
        err(`report ${id} is not quarantined`);
        failed += 1;
      }
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
