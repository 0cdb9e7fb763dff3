// Starts and stops one graphsoc instance: logger, database (migrated), shared clients, the enabled
// features, dependency checks, lease-owned background work and the HTTP server. `serve` and
// `sandbox` both use it.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { LoadedConfig } from '../platform/config/index.js';
import { openDatabase, pingDatabase, type Store } from '../platform/db/index.js';
import { HealthRegistry } from '../platform/health/registry.js';
import { LeaseRunner, LeaseStore } from '../platform/leases/index.js';
import { createLogger, type Logger } from '../platform/log.js';
import { VERSION } from '../platform/version.js';
import { Cleanups } from './cleanups.js';
import type { Config } from './config.js';
import { dashboardModel } from './dashboard-model.js';
import { startFeatures } from './features.js';
import { housekeepingUnit } from './housekeeping.js';
import { migrateStore } from './migrations.js';
import { buildServer } from './server.js';
import { appServices } from './services.js';

export interface RuntimeOptions {
  loaded: LoadedConfig<Config>;
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
  const cleanups = new Cleanups();
  cleanups.add(() => store.close());
  try {
    const applied = await migrateStore(store);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    const services = appServices(config);
    cleanups.add(() => services.close());
    const health = new HealthRegistry({ everyMs: config.health.dependencyCheckEverySec * 1000, logger });

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

    const leases = new LeaseStore(store);
    const runner = new LeaseRunner({
      store: leases,
      owner: instance,
      units: [housekeepingUnit(store), ...features.units],
      ttlMs: config.leases.ttlSec * 1000,
      renewEveryMs: config.leases.renewEverySec * 1000,
      logger,
    });
    const app = await buildServer({
      logger,
      health,
      pingDatabase: () => pingDatabase(store.db),
      dashboard: () =>
        dashboardModel({
          mode: opts.mode,
          instance,
          config,
          store,
          health,
          leases,
          started: features.started,
        }),
      routes: features.routes,
    });
    cleanups.add(() => app.close());
    listenUrl = await listen(app, config.server);
    logger.info({ url: listenUrl, mode: opts.mode, version: VERSION }, 'graphsoc listening');
    // Work starts once the server answers: a change subscription is validated against its webhook.
    runner.start();
    cleanups.add(() => runner.stop());

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= cleanups.run(logger).then(() => logger.info('graphsoc stopped'));
      return stopping;
    };
    return { url: listenUrl, instance, logger, app, store, stop };
  } catch (e) {
    await cleanups.run();
    throw e;
  }
}

/** Listens on the configured address; returns the URL it answers at (the port may have been 0). */
async function listen(app: FastifyInstance, server: Config['server']): Promise<string> {
  await app.listen({ host: server.host, port: server.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : server.port;
  return `http://${server.host.includes(':') ? `[${server.host}]` : server.host}:${port}`;
}
