// A phishing worker in its own process, for the kill -9 tests: it syncs the report folder and
// processes due reports against the emulators named in GSOC_WORKER (JSON), and SIGKILLs itself at the
// point named by GSOC_KILL_AT: `after:<step>` once a step is recorded, or `before-record-created`
// right after Archer created a record and before the database knows its id, or `during:analysis` once
// the report's analysis has been handed to a worker thread (as a mail that brings the process down would).
import {
  type ArcherConnection,
  ArcherMetadata,
  createArcherClient,
} from '../../../src/connectors/archer/index.js';
import { createGraphClient } from '../../../src/connectors/microsoft/graph/index.js';
import { createTokenProvider } from '../../../src/connectors/microsoft/identity/index.js';
import { syncFolder } from '../../../src/phishing/ingest/folder-sync.js';
import { sharedAnalysisPool } from '../../../src/phishing/pipeline/analysis-pool.js';
import { processReport } from '../../../src/phishing/pipeline/process-report.js';
import { processedFolders } from '../../../src/phishing/pipeline/processed-folder.js';
import { CampaignStore, ReportStore } from '../../../src/phishing/store/index.js';
import { phishingSchema } from '../../../src/phishing/index.js';
import { tenantSchema } from '../../../src/platform/config/index.js';
import { KvState, openDatabase } from '../../../src/platform/db/index.js';
import { KeyedLock } from '../../../src/platform/keyed-lock.js';

interface WorkerSetup {
  db: string;
  tenant: Record<string, unknown>;
  archer: ArcherConnection;
  phishing: unknown;
}

const setup = JSON.parse(process.env.GSOC_WORKER ?? '{}') as WorkerSetup;
const killAt = process.env.GSOC_KILL_AT ?? '';
const die = () => process.kill(process.pid, 'SIGKILL');

const config = phishingSchema.parse(setup.phishing);
const mailbox = config.mailboxes[0];
if (!mailbox) throw new Error('no mailbox');
const tenant = tenantSchema.parse(setup.tenant);
const graph = createGraphClient(tenant, createTokenProvider(tenant));
const archer = createArcherClient(setup.archer);
const store = await openDatabase(setup.db);

class Reports extends ReportStore {
  override async advance(...args: Parameters<ReportStore['advance']>) {
    const row = await super.advance(...args);
    if (killAt === `after:${args[1]}`) die();
    return row;
  }
}
class Campaigns extends CampaignStore {
  override async recordCreated(key: string, contentId: number) {
    if (killAt === 'before-record-created') die();
    return super.recordCreated(key, contentId);
  }
}

const reports = new Reports(store.db);
const kv = new KvState(store.db);
await syncFolder(graph, reports, kv, { mailbox: mailbox.mailbox, folder: mailbox.folder });
for (const r of await reports.due(100, mailbox.mailbox)) {
  await processReport(
    {
      graph,
      db: store.db,
      reports,
      sink: {
        client: archer,
        target: { application: config.archer.application, meta: new ArcherMetadata(archer) },
        mapping: config.archer,
        campaigns: new Campaigns(store.db),
      },
      config,
      processedFolderId: processedFolders(() => graph),
      caseLock: new KeyedLock(),
      analysis: {
        analyse: (task, budgetMs) => {
          if (killAt === 'during:analysis') die();
          return sharedAnalysisPool().analyse(task, budgetMs);
        },
      },
    },
    mailbox,
    r,
  );
}
await archer.close();
await graph.close();
await store.close();
