// `graphsoc sandbox` (what `npm start` runs): emulators plus graphsoc wired to them.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../platform/config/index.js';
import { type Runtime, startRuntime } from '../runtime.js';
import { type Sandbox, startSandbox } from '../sandbox.js';
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
  const sandbox = await startSandbox({ alertsDir: opts.alertsDir });
  let runtime: Runtime;
  try {
    const loaded = loadConfig({
      noFile: true,
      env: opts.logLevel ? { GRAPHSOC_LOG_LEVEL: opts.logLevel } : {},
      overrides: (raw) => {
        raw.server = { host: '127.0.0.1', port: opts.port };
        raw.database = { url: `sqlite:${dataDir}/graphsoc.db` };
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
      throw new Error(`port ${opts.port} is already in use: choose another with --port or GRAPHSOC_PORT`);
    }
    throw e;
  }
  const t = sandbox.tenant;
  const emu = sandbox.emulators.entraGraph;
  const relayUrl = `${runtime.url}/relay/graph-security`;
  const token = await sandbox.relayToken(runtime.url);
  const banner = [
    '',
    'graphsoc sandbox is running against emulated Microsoft services.',
    '',
    `  Dashboard        ${runtime.url}/`,
    `  Health           ${runtime.url}/healthz   ${runtime.url}/readyz   ${runtime.url}/metrics`,
    '',
    '  Emulated tenant  Contoso (sandbox)',
    `    tenant id      ${t.tenantId}`,
    `    client id      ${t.clientId}`,
    `    client secret  ${t.clientSecret}   (sandbox only)`,
    `    authority      ${emu.loginUrl}`,
    `    Graph          ${emu.graphUrl}/v1.0`,
    `    CA certificate ${sandbox.emulators.caPath}`,
    `  Database         sqlite:${dataDir}/graphsoc.db`,
    '',
    `  Threat Response relay (Graph Security module): ${relayUrl}/`,
    '    Ask it about an observable with a configuration token signed by the emulated JWKS host:',
    `    curl -s -X POST ${relayUrl}/observe/observables \\`,
    `      -H 'authorization: Bearer ${token}' \\`,
    `      -H 'content-type: application/json' -d '${JSON.stringify([sandbox.sampleObservable])}'`,
    '    The same token works for /deliberate/observables and /refer/observables (same body),',
    `    /respond/observables (e.g. -d '${JSON.stringify([sandbox.sampleMachine ?? sandbox.sampleObservable])}'),`,
    `    /tiles and /tiles/tile-data (-d '{"tile_id":"alerts-by-severity","period":"last_7_days"}').`,
    '',
    '  Phishing reports → Archer incidents',
    `    report mailbox ${sandbox.reportMailbox} (seeded with six reports of three campaigns and one "Not junk")`,
    `    Archer         ${sandbox.emulators.archer.url}/platformapi/core/  (emulated; incidents appear within seconds)`,
    `    more reports   POST ${emu.graphUrl}/_emulator/mail/deliver (docs/sandbox.md); graphsoc hears by webhook`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
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
