// Starts and stops one graphsoc instance: logger, database (migrated), shared clients, the enabled
// features, dependency checks, lease-owned background work and the two HTTP listeners: the public one
// (relay, webhooks, probes) and the admin one (dashboard, guides, metrics). `serve` and `sandbox` both
// use it.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { LoadedConfig } from '../platform/config/index.js';
import { openDatabase, pingDatabase, type Store } from '../platform/db/index.js';
import { HealthHistory, HealthRegistry, outageChart, outageRange } from '../platform/health/index.js';
import { consoleAuth } from '../console/sign-in/index.js';
import { DAY_MS } from '../platform/feature/index.js';
import { LeaseRunner, LeaseStore } from '../platform/leases/index.js';
import { createLogger, type Logger } from '../platform/log.js';
import { VERSION } from '../platform/version.js';
import { Cleanups } from './cleanups.js';
import type { Config } from './config.js';
import { dashboardModel } from './dashboard-model.js';
import { startFeatures } from './features.js';
import { housekeepingUnit } from './housekeeping.js';
import { migrateStore } from './migrations.js';
import { buildAdminServer } from './admin-server.js';
import { buildServer } from './server.js';
import { appServices } from './services.js';

export interface RuntimeOptions {
  loaded: LoadedConfig<Config>;
  mode: 'serve' | 'sandbox';
  /** Log destination; standard output by default. */
  logDestination?: DestinationStream;
}

export interface Runtime {
  /** Base URL of the public listener (relay, webhooks, /healthz), e.g. http://127.0.0.1:8080. */
  url: string;
  /** Base URL of the admin listener (dashboard, guides, /metrics, /readyz), e.g. http://127.0.0.1:8081. */
  adminUrl: string;
  instance: string;
  logger: Logger;
  app: FastifyInstance;
  adminApp: FastifyInstance;
  store: Store;
  stop(): Promise<void>;
}

/** How long the dependency checks' state changes are kept (the charts show two weeks). */
const HEALTH_HISTORY_KEEP_DAYS = 30;

/** The rows a purge of several tables deleted, all told. */
async function countOf(purged: Promise<object>): Promise<number> {
  return (Object.values(await purged) as number[]).reduce((a, b) => a + b, 0);
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
  const cleanups = new Cleanups();
  cleanups.add(() => store.close());
  try {
    const applied = await migrateStore(store);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    const services = appServices(config);
    cleanups.add(() => services.close());
    // Each dependency's state changes are kept, for the console's outage chart.
    const healthHistory = new HealthHistory(store.db);
    const health = new HealthRegistry({
      everyMs: config.health.dependencyCheckEverySec * 1000,
      logger,
      recorder: healthHistory,
    });

    let listenUrl: string | undefined;
    const features = await startFeatures(
      {
        config,
        services,
        store,
        health,
        logger,
        mode: opts.mode,
        version: VERSION,
        // The sandbox has no public URL, but its emulated Graph reaches the listen address.
        publicUrl: () => config.server.publicUrl ?? (opts.mode === 'sandbox' ? listenUrl : undefined),
        listenUrl: () => listenUrl,
      },
      cleanups,
    );
    // Every configured tenant, used by a job or not, and what the features use besides.
    for (const name of services.microsoft.names) health.add(services.microsoft.check(name));
    for (const check of features.checks) if (!health.has(check.name)) health.add(check);
    health.start();
    cleanups.add(() => health.stop());

    // The admin listener's URL, once it listens: where the console's sign-in comes back to unless
    // console.publicUrl says otherwise.
    let adminUrl: string | undefined;
    const auth = consoleAuth({
      store,
      config: { console: config.console, tenants: config.tenants },
      logger,
      publicUrl: () => adminUrl ?? '',
    });
    cleanups.add(() => auth.close());
    const leases = new LeaseStore(store);
    const runner = new LeaseRunner({
      store: leases,
      owner: instance,
      units: [
        housekeepingUnit(store, {
          purges: [
            { name: 'console sessions, sign-ins and audit', run: () => countOf(auth.purge()) },
            {
              name: 'dependency check history',
              run: () => healthHistory.purge(Date.now() - HEALTH_HISTORY_KEEP_DAYS * DAY_MS),
            },
            ...features.purges,
          ],
        }),
        ...features.units,
      ],
      ttlMs: config.leases.ttlSec * 1000,
      renewEveryMs: config.leases.renewEverySec * 1000,
      logger,
    });
    const listenerDeps = {
      logger,
      health,
      pingDatabase: () => pingDatabase(store.db),
      trustProxy: config.server.trustProxy,
    };
    const app = await buildServer({ ...listenerDeps, routes: features.routes });
    cleanups.add(() => app.close());
    const adminApp = await buildAdminServer({
      ...listenerDeps,
      console: {
        register: (a) => auth.register(a),
        gate: auth,
        sections: features.sections,
        load: () =>
          dashboardModel({
            mode: opts.mode,
            instance,
            config,
            store,
            health,
            leases,
            started: features.started,
          }),
        outages: async (days, unit) => {
          const now = Date.now();
          const { since, until } = outageRange(now, days);
          return outageChart(await healthHistory.outages(since, until), { now, days, unit });
        },
      },
    });
    cleanups.add(() => adminApp.close());
    listenUrl = await listen(app, 'server.port', config.server.host, config.server.port);
    adminUrl = await listen(
      adminApp,
      'server.admin.port',
      config.server.admin.host,
      config.server.admin.port,
    );
    logger.info({ url: listenUrl, adminUrl, mode: opts.mode, version: VERSION }, 'graphsoc listening');
    // Work starts once the server answers: a change subscription is validated against its webhook.
    runner.start();
    cleanups.add(() => runner.stop());

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= cleanups.run(logger).then(() => logger.info('graphsoc stopped'));
      return stopping;
    };
    return { url: listenUrl, adminUrl, instance, logger, app, adminApp, store, stop };
  } catch (e) {
    await cleanups.run();
    throw e;
  }
}

/**
 * Listens on the configured address; returns the URL it answers at (the port may have been 0). A port
 * in use keeps Node's EADDRINUSE code and says which key chose it: two listeners, two keys.
 */
async function listen(app: FastifyInstance, key: string, host: string, port: number): Promise<string> {
  try {
    await app.listen({ host, port });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    throw Object.assign(new Error(`${host}:${port} (${key}) is already in use`, { cause: e }), {
      code: 'EADDRINUSE',
    });
  }
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
}
