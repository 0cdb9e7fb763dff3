// Starts and stops one graphsoc instance: logger, database (migrated), tenant clients, dependency
// checks, owned background work (leases) and the HTTP server. `serve` and `sandbox` both use it.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { DashboardModel } from './dashboard/model.js';
import { type JobStatuses, jobSummaries } from './jobs.js';
import type { LoadedConfig } from './platform/config/index.js';
import { migrateToLatest, openDatabase, pingDatabase, type Store } from './platform/db/index.js';
import { HealthRegistry } from './platform/health/registry.js';
import { LeaseRunner, LeaseStore, type WorkUnit } from './platform/leases/index.js';
import { createLogger, type Logger } from './platform/log.js';
import { type PhishingFeature, phishingFeature } from './phishing/index.js';
import { relayFeature } from './relay/index.js';
import { buildServer } from './server.js';
import { buildTenantClients, registerTenantChecks } from './tenants.js';
import { housekeepingUnit } from './housekeeping.js';
import { VERSION } from './version.js';

export interface RuntimeOptions {
  loaded: LoadedConfig;
  mode: 'serve' | 'sandbox';
  /** Log destination; standard output by default. */
  logDestination?: DestinationStream;
}

export interface Runtime {
  /** Base URL the server listens on, e.g. http://127.0.0.1:8080. */
  url: string;
  instance: string;
  logger: Logger;
  app: FastifyInstance;
  store: Store;
  stop(): Promise<void>;
}

export function instanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { config, secrets, warnings } = opts.loaded;
  const instance = instanceId();
  const logger = createLogger({
    level: config.log.level,
    secrets,
    base: { instance },
    ...(opts.logDestination ? { destination: opts.logDestination } : {}),
  });
  for (const w of warnings) logger.warn(w);

  const store = await openDatabase(config.database.url, { logger });
  const cleanups: Array<() => Promise<void> | void> = [() => store.close()];
  try {
    const applied = await migrateToLatest(store);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

    const health = new HealthRegistry({ everyMs: config.health.dependencyCheckEverySec * 1000, logger });
    const tenants = buildTenantClients(config.tenants);
    registerTenantChecks(health, tenants);
    cleanups.push(() => Promise.all([...tenants.values()].map((t) => t.graph.close())).then(() => undefined));
    health.start();
    cleanups.push(() => health.stop());

    // The relay's token audience is its public URL; without one configured, the listen address.
    let listenUrl = '';
    const leaseStore = new LeaseStore(store);
    let phishingRegister: ((app: FastifyInstance) => Promise<void>) | undefined;
    let phishingJob: PhishingFeature | undefined;
    const units: WorkUnit[] = [housekeepingUnit(store)];
    if (config.phishing.enabled) {
      const phishing = phishingFeature({
        config: config.phishing,
        archer: config.archer,
        store,
        graphOf: (name) => {
          const t = tenants.get(name);
          if (!t) throw new Error(`phishing: no tenant named ${name}`);
          return t.graph;
        },
        // The sandbox has no public URL but its emulated Graph reaches the listen address.
        publicUrl: () =>
          config.server.publicUrl ?? (opts.mode === 'sandbox' ? listenUrl || undefined : undefined),
        logger: logger.child({ job: 'phishing' }),
      });
      units.push(...phishing.units);
      phishingJob = phishing;
      phishingRegister = phishing.register;
      cleanups.push(() => phishing.close());
    }
    const runner = new LeaseRunner({
      store: leaseStore,
      owner: instance,
      units,
      ttlMs: config.leases.ttlSec * 1000,
      renewEveryMs: config.leases.renewEverySec * 1000,
      logger,
    });
    const publicUrl = () => config.server.publicUrl ?? listenUrl;
    const features: Array<(app: FastifyInstance) => Promise<void>> = [];
    if (phishingRegister) features.push(phishingRegister);
    const live: JobStatuses = {};
    if (phishingJob) live.phishing = phishingJob.status;
    if (config.relay.enabled) {
      const relay = relayFeature({ config: config.relay, publicUrl, logger, version: VERSION });
      cleanups.push(() => relay.close());
      features.push(relay.register);
      const where = (m: string) =>
        config.relay.mount === 'root' ? `${publicUrl()}/` : `${publicUrl()}/relay/${m}/`;
      live.relay = async () => ({
        state: 'running',
        detail: `Serving ${relay.modules.map(where).join(', ')}`,
      });
      if (relay.modules.includes('graph-security')) {
        live['graph-security'] = async () => ({
          state: 'running',
          detail: `${config.relay.graphSecurity.backend} backend at ${where('graph-security')}`,
        });
      }
      if (!config.server.publicUrl && opts.mode === 'serve') {
        logger.warn(
          'server.publicUrl is not set: relay tokens must name the listen address as their audience',
        );
      }
    }

    const dashboard = async (): Promise<DashboardModel> => {
      let database: DashboardModel['database'];
      try {
        await pingDatabase(store.db);
        database = { dialect: store.dialect, state: 'ok', detail: store.display };
      } catch (e) {
        database = { dialect: store.dialect, state: 'failing', detail: (e as Error).message };
      }
      const leases = await leaseStore.list().catch(() => []);
      const quarantine = phishingJob ? await phishingJob.quarantined(20).catch(() => []) : undefined;
      return {
        mode: opts.mode,
        version: VERSION,
        instance,
        database,
        tenants: config.tenants.map((t) => ({
          name: t.name,
          tenantId: t.tenantId,
          authorityHost: t.authorityHost,
        })),
        dependencies: health.statuses().map((s) => ({
          name: s.name,
          state: s.state,
          detail: s.error
            ? `${s.error.code ? `${s.error.code}: ` : ''}${s.error.message}`
            : s.checkedAt
              ? `checked ${s.checkedAt}`
              : '',
          ...(s.checkedAt ? { checkedAt: s.checkedAt } : {}),
        })),
        jobs: await jobSummaries(live),
        leases: leases.map((l) => ({
          name: l.name,
          owner: l.owner,
          mine: l.owner === instance,
          epoch: l.epoch,
          expiresAt: new Date(l.expiresAt).toISOString(),
        })),
        ...(quarantine ? { quarantine } : {}),
        generatedAt: new Date().toISOString(),
      };
    };

    const app = await buildServer({
      logger,
      health,
      pingDatabase: () => pingDatabase(store.db),
      dashboard,
      features,
    });
    cleanups.push(() => app.close());
    await app.listen({ host: config.server.host, port: config.server.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.server.port;
    const url = `http://${config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host}:${port}`;
    listenUrl = url;
    logger.info({ url, mode: opts.mode, version: VERSION }, 'graphsoc listening');
    // Work starts once the server answers: a change subscription is validated against its webhook.
    runner.start();
    cleanups.push(() => runner.stop());

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        for (const c of cleanups.reverse()) {
          try {
            await c();
          } catch (e) {
            logger.warn({ err: e }, 'error during shutdown');
          }
        }
        logger.info('graphsoc stopped');
      })();
      return stopping;
    };
    return { url, instance, logger, app, store, stop };
  } catch (e) {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
    throw e;
  }
}
