#!/usr/bin/env node
// graphsoc <command>: the one entry point for operators. Each command has --help.
import { Command, InvalidArgumentError, Option } from 'commander';
import { checkConfig } from './cli/config-check.js';
import { VERSION } from './version.js';

const program = new Command();
program
  .name('graphsoc')
  .description(
    'Security automation for Microsoft 365: phishing reports, Threat Response relay, threat-intel sync, self-service accounts.',
  )
  .version(VERSION)
  .addOption(new Option('-c, --config <path>', 'configuration file (TOML)').env('GRAPHSOC_CONFIG'))
  .showHelpAfterError();

const portOption = () =>
  new Option('-p, --port <port>', 'HTTP port of the server and dashboard')
    .env('GRAPHSOC_PORT')
    .argParser((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535)
        throw new Error(`expected a port number 0-65535, found "${v}"`);
      return n;
    });

program
  .command('serve')
  .description('Run the server and the enabled jobs against the real services named in the configuration.')
  .addOption(portOption())
  .action(async (opts: { port?: number }, cmd: Command) => {
    const { runServe } = await import('./cli/serve.js');
    await runServe({ configPath: cmd.optsWithGlobals().config, port: opts.port });
  });

program
  .command('sandbox')
  .description('Start the emulated Microsoft tenant and services on loopback and run graphsoc against them.')
  .addOption(portOption())
  .option('--data-dir <dir>', 'where the sandbox keeps its database', './data/sandbox')
  .option(
    '--alerts <dir>',
    'load Defender alerts exported from a tenant (alerts_v2.json, incidents.json, alerts.json) instead of sample ones',
  )
  .action(async (opts: { port?: number; dataDir: string; alerts?: string }) => {
    const { runSandbox } = await import('./cli/sandbox.js');
    await runSandbox({ port: opts.port ?? 8080, dataDir: opts.dataDir, alertsDir: opts.alerts });
  });

const config = program.command('config').description('Inspect the configuration.');
config
  .command('check')
  .description('Validate the configuration file and GRAPHSOC_* variables; exit 2 naming each problem.')
  .action((_opts: unknown, cmd: Command) => {
    const r = checkConfig(cmd.optsWithGlobals().config);
    for (const l of r.out) process.stdout.write(`${l}\n`);
    for (const l of r.err) process.stderr.write(`${l}\n`);
    process.exitCode = r.exitCode;
  });

const relay = program.command('relay').description('Threat Response relay tools.');
relay
  .command('token')
  .description(
    "Sign a configuration token for a module's settings (HS256 with relay.hs256Secret, or RS256 with your key).",
  )
  .requiredOption('--audience <url>', "the relay module's URL as Threat Response calls it")
  .option('--module <name>', 'relay module', 'graph-security')
  .option(
    '--claim <name=value>',
    'a module setting, e.g. tenant_id=…; repeat',
    (v: string, all: string[]) => [...all, v],
    [],
  )
  .option('--expires-in <duration>', 'lifetime: seconds, or 12h, 30d', '365d')
  .option('--new-secret', 'create a new HS256 secret and print it on stderr')
  .option('--key-file <pem>', 'RS256: your private key (PKCS#8 PEM)')
  .option('--new-key-dir <dir>', 'RS256: create a key pair and jwks.json in this directory')
  .option('--kid <kid>', 'RS256: key id published in your JWKS')
  .option('--jwks-host <host>', 'RS256: host serving /.well-known/jwks (must be in relay.jwksHosts)')
  .action(async (opts: Record<string, unknown>, cmd: Command) => {
    const { runRelayToken } = await import('./cli/relay-token.js');
    process.exitCode = await runRelayToken({
      ...(opts as Omit<Parameters<typeof runRelayToken>[0], 'configPath'>),
      configPath: cmd.optsWithGlobals().config,
    });
  });

const phishing = program.command('phishing').description('Phishing report tools.');
phishing
  .command('analyze')
  .description(
    "Analyse .eml and .msg files offline with the pipeline's code: verdict and reasons, sender, authentication, Received IPs, IOCs, campaign key.",
  )
  .addHelpText(
    'after',
    '\nExit status: 0 every input was read (some may be unparseable), 1 an input could not be read,\n2 usage or configuration error. With the global --config, phishing.ownDomains, allowDomains\nand limits apply; without it no configuration is read.',
  )
  .argument('<path...>', 'files, directories (searched recursively for .eml and .msg), or - for stdin')
  .option('--json', 'JSON Lines, one object per message, IOCs not defanged (schema in docs/phishing.md)')
  .option(
    '-j, --jobs <n>',
    'worker threads (default: the number of CPUs from 64 files, else 1)',
    // 256 is MAX_JOBS of cli/phishing-analyze.ts, not imported so other commands start light.
    (v: string) => {
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < 1 || n > 256)
        throw new InvalidArgumentError('expected a whole number 1-256');
      return n;
    },
  )
  .option(
    '--allow-domain <domain>',
    'a benign domain whose URLs, addresses and subdomains are no IOCs; repeat',
    (v: string, all: string[]) => [...all, v],
    [],
  )
  .option(
    '--own-domain <domain>',
    "your organisation's domain: never an IOC, and what lookalikes imitate; repeat",
    (v: string, all: string[]) => [...all, v],
    [],
  )
  // Usage errors exit 2, as config errors do; commander's own default is 1.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  .action(async (paths: string[], opts: Record<string, unknown>, cmd: Command) => {
    const { runPhishingAnalyze } = await import('./cli/phishing-analyze.js');
    // Only an explicit --config counts: the tool is local and reads no environment configuration.
    const explicit = cmd.getOptionValueSourceWithGlobals('config') === 'cli';
    process.exitCode = await runPhishingAnalyze({
      paths,
      json: opts.json === true,
      jobs: opts.jobs as number | undefined,
      allowDomain: opts.allowDomain as string[],
      ownDomain: opts.ownDomain as string[],
      configPath: explicit ? cmd.optsWithGlobals().config : undefined,
    });
  });

phishing
  .command('release')
  .description(
    'List quarantined phishing reports, or send the given ones (or --all) back to the pipeline once their cause is fixed.',
  )
  .argument('[report...]', 'report ids as the dashboard and the listing show them')
  .option('--all', 'release every quarantined report')
  .action(async (ids: string[], opts: { all?: boolean }, cmd: Command) => {
    const { runPhishingRelease } = await import('./cli/phishing-release.js');
    process.exitCode = await runPhishingRelease({
      configPath: cmd.optsWithGlobals().config,
      ids,
      all: opts.all === true,
    });
  });

const db = program.command('db').description('Manage the database.');
db.command('migrate')
  .description('Apply pending database migrations (serve also applies them at start).')
  .action(async (_opts: unknown, cmd: Command) => {
    const { runMigrate } = await import('./cli/migrate.js');
    process.exitCode = await runMigrate(cmd.optsWithGlobals().config);
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  const err = e as { code?: string; message?: string };
  process.stderr.write(`${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}\n`);
  process.exitCode = err.code?.startsWith('GSOC_CONFIG_') ? 2 : 1;
});
