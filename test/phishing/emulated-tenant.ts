// The emulated world the phishing tests and benchmark run against: a tenant whose app may read and
// send mail, its report mailbox, and the connection to the emulated Archer.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { DEFAULT_USER } from '../../emulators/archer/index.js';
import type { Emulators } from '../../emulators/index.js';
import {
  type ArcherClient,
  type ArcherConnection,
  ArcherMetadata,
} from '../../src/connectors/archer/index.js';
import type { GraphClient } from '../../src/connectors/microsoft/graph/index.js';
import type { ProcessDeps } from '../../src/phishing/pipeline/process-report.js';
import { sharedAnalysisPool } from '../../src/phishing/pipeline/analysis-pool.js';
import { processedFolders } from '../../src/phishing/pipeline/processed-folder.js';
import { CampaignStore, ReportStore } from '../../src/phishing/store/index.js';
import type { Store } from '../../src/platform/db/index.js';
import { KeyedLock } from '../../src/platform/keyed-lock.js';
import { type Config, loadAppConfig } from '../../src/app/config.js';
import { type Runtime, startRuntime } from '../../src/app/runtime.js';
import type { PhishingConfig } from '../../src/phishing/index.js';
import type { DestinationStream } from 'pino';
import { tempDir } from '../helpers/tmp.js';
import { type LoadedConfig, tenantSchema, type TenantConfig } from '../../src/platform/config/index.js';
import { SANDBOX_ARCHER_MAPPING } from '../../src/sandbox/archer-mapping.js';

export interface MailTenant {
  tenantId: string;
  /** The app's tenant configuration, pointed at the emulators (graphsoc's `[[tenants]]` entry). */
  tenant: TenantConfig;
}

/** A tenant with an app holding Mail.ReadWrite and Mail.Send, and an empty report mailbox. */
export function mailTenant(
  emulators: Emulators,
  o: { domain: string; mailbox: string; name?: string },
): MailTenant {
  const eg = emulators.entraGraph;
  const tenantId = randomUUID();
  const app = { clientId: randomUUID(), secret: `secret-${randomUUID()}` };
  eg.addTenant({ id: tenantId, displayName: o.domain, domains: [o.domain] });
  eg.registerApp({
    tenantId,
    clientId: app.clientId,
    secrets: [app.secret],
    roles: { graph: ['Mail.ReadWrite', 'Mail.Send'] },
  });
  eg.seedMail(tenantId, { mailboxes: [{ user: o.mailbox }] });
  const tenant = tenantSchema.parse({
    name: o.name ?? 't',
    tenantId,
    clientId: app.clientId,
    clientSecret: app.secret,
    authorityHost: eg.loginUrl,
    graphBaseUrl: eg.graphUrl,
    graphScope: 'https://graph.microsoft.com/.default',
    caFile: emulators.caPath,
  });
  return { tenantId, tenant };
}

/** The `[archer]` connection to the emulated Archer. */
export function emulatedArcher(emulators: Emulators): ArcherConnection {
  return {
    baseUrl: emulators.archer.url,
    basePath: '/platformapi',
    instanceName: DEFAULT_USER.instanceName,
    username: DEFAULT_USER.username,
    userDomain: '',
    password: DEFAULT_USER.password,
    caFile: emulators.caPath,
  };
}

export interface PhishingRuntimeOptions {
  mail: MailTenant;
  mailbox: string;
  databaseUrl: string;
  /** server.publicUrl; leave out to run polling only. */
  publicUrl?: string;
  /** server.port; 0 picks a free one. */
  port?: number;
  pollEverySec?: number;
  ownDomains?: string[];
  maxAttempts?: number;
  retryBaseSec?: number;
  /** phishing.limits.analysisBudgetSec */
  analysisBudgetSec?: number;
}

/** A whole graphsoc configuration running the phishing job against the emulators, as serve loads it. */
export function phishingRuntimeConfig(emulators: Emulators, o: PhishingRuntimeOptions): LoadedConfig<Config> {
  const archer = emulatedArcher(emulators);
  return loadAppConfig({
    noFile: true,
    env: {},
    overrides: (raw) => {
      raw.server = {
        host: '127.0.0.1',
        port: o.port ?? 0,
        // A free port of its own: the default, the port after a chosen one, may be taken.
        admin: { port: 0 },
        ...(o.publicUrl ? { publicUrl: o.publicUrl } : {}),
      };
      raw.database = { url: o.databaseUrl };
      raw.tenants = [{ ...o.mail.tenant }];
      raw.archer = { ...archer };
      raw.phishing = {
        enabled: true,
        mailboxes: [{ tenant: o.mail.tenant.name, mailbox: o.mailbox }],
        pollEverySec: o.pollEverySec ?? 3600,
        ownDomains: o.ownDomains ?? [],
        ...(o.maxAttempts ? { maxAttempts: o.maxAttempts } : {}),
        ...(o.retryBaseSec ? { retryBaseSec: o.retryBaseSec } : {}),
        ...(o.analysisBudgetSec ? { limits: { analysisBudgetSec: o.analysisBudgetSec } } : {}),
        archer: SANDBOX_ARCHER_MAPPING,
      };
    },
  });
}

/**
 * graphsoc as `serve` runs it with the phishing job on, its database in a temporary directory unless
 * given, and a loopback public URL the emulated Graph notifies.
 */
export async function startWebhookRuntime(
  emulators: Emulators,
  o: Omit<PhishingRuntimeOptions, 'publicUrl' | 'port' | 'databaseUrl'> & {
    databaseUrl?: string;
    logDestination?: DestinationStream;
  },
): Promise<Runtime> {
  const port = await freePort();
  return startRuntime({
    loaded: phishingRuntimeConfig(emulators, {
      ...o,
      databaseUrl: o.databaseUrl ?? `sqlite:${tempDir()}/graphsoc.db`,
      publicUrl: `http://127.0.0.1:${port}`,
      port,
    }),
    mode: 'serve',
    ...(o.logDestination ? { logDestination: o.logDestination } : {}),
  });
}

/** What processReport needs, for one instance's database connection. */
export function pipelineDeps(
  store: Pick<Store, 'db'>,
  graph: GraphClient,
  archer: ArcherClient,
  config: PhishingConfig,
): ProcessDeps {
  return {
    graph,
    db: store.db,
    reports: new ReportStore(store.db),
    sink: {
      client: archer,
      target: { application: config.archer.application, meta: new ArcherMetadata(archer) },
      mapping: config.archer,
      campaigns: new CampaignStore(store.db),
    },
    config,
    processedFolderId: processedFolders(() => graph),
    caseLock: new KeyedLock(),
    analysis: sharedAnalysisPool(),
  };
}

/** A TCP port nobody listens on right now, for a server.publicUrl that must be known before start. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}
