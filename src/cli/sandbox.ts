// `graphsoc sandbox` (what `npm start` runs): emulators plus graphsoc wired to them.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DestinationStream } from 'pino';
import { loadAppConfig } from '../app/config.js';
import { type Runtime, startRuntime } from '../app/runtime.js';
import { freshSandboxDatabase, type Sandbox, sandboxBanner, startSandbox } from '../sandbox/index.js';
import { stopOnSignals } from './lifecycle.js';

export interface SandboxOptions {
  port: number;
  dataDir: string;
  /** Folder of Defender alerts exported from a tenant, loaded instead of the synthetic ones. */
  alertsDir?: string | undefined;
  /** Log level; only this is taken from the environment, so the sandbox never picks up real tenants. */
  logLevel?: string | undefined;
  logDestination?: DestinationStream;
}

export interface RunningSandbox {
  runtime: Runtime;
  sandbox: Sandbox;
  /** What `graphsoc sandbox` prints: URLs and the emulated tenant's credentials. */
  banner: string;
  stop(): Promise<void>;
}

/** Starts the emulators and one graphsoc instance wired to them; used by the command and its tests. */
export async function launchSandbox(opts: SandboxOptions): Promise<RunningSandbox> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const database = freshSandboxDatabase(dataDir);
  const sandbox = await startSandbox({ alertsDir: opts.alertsDir });
  let runtime: Runtime;
  try {
    const loaded = loadAppConfig({
      noFile: true,
      env: opts.logLevel ? { GRAPHSOC_LOG_LEVEL: opts.logLevel } : {},
      overrides: (raw) => {
        raw.server = { host: '127.0.0.1', port: opts.port };
        raw.database = { url: database };
        raw.health = { dependencyCheckEverySec: 15 };
        sandbox.applyTo(raw);
      },
    });
    runtime = await startRuntime({
      loaded,
      mode: 'sandbox',
      ...(opts.logDestination ? { logDestination: opts.logDestination } : {}),
    });
  } catch (e) {
    await sandbox.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      // The dashboard takes the port after --port, so either may be the one in use.
      throw new Error(`${(e as Error).message}: choose another --port or GRAPHSOC_PORT`);
    }
    throw e;
  }
  const banner = await sandboxBanner(sandbox, runtime.url, runtime.adminUrl, database);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= runtime.stop().finally(() => sandbox.close());
    return stopping;
  };
  return { runtime, sandbox, banner, stop };
}

export async function runSandbox(opts: { port: number; dataDir: string; alertsDir?: string }): Promise<void> {
  const running = await launchSandbox({ ...opts, logLevel: process.env.GRAPHSOC_LOG_LEVEL });
  process.stdout.write(running.banner);
  await stopOnSignals(running.stop, (m) => process.stdout.write(`${m}\n`));
}
