// The `graphsoc` commands as one commander program, run against the streams and environment it is
// given: the process's own (src/cli.ts) or a test's. runProgram never exits the process; it resolves to
// the exit status, alike for every command: 0 done, 1 the command failed, 2 a usage or configuration
// error (nothing was done), none for serve and sandbox (they set it themselves when they stop).
import type { Readable, Writable } from 'node:stream';
import { Command, CommanderError, InvalidArgumentError, Option, type ParseOptionsResult } from 'commander';
import { VERSION } from '../platform/version.js';

/** The exit status of a usage or configuration error, for every command. */
export const USAGE = 2;

export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable;
  env: NodeJS.ProcessEnv;
}

/**
 * Writes of the program itself, config check, db migrate, phishing analyze and phishing release go to
 * `io`, and the configuration they load reads `io.env`. relay token, serve and sandbox write to the
 * process's streams whatever `io` says, and what they load reads process.env: run those in a real
 * process.
 */
export async function runProgram(args: readonly string[], io?: CliIo): Promise<number | undefined> {
  const streams = io ?? {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  };
  let status: number | undefined;
  const program = buildProgram(streams, io !== undefined, (code) => {
    status = code;
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
    return status;
  } catch (e) {
    // commander has printed its own message (and the usage) already.
    if (e instanceof CommanderError) return e.exitCode;
    const err = e as { code?: string; message?: string };
    streams.stderr.write(`${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}\n`);
    return err.code?.startsWith('GSOC_CONFIG_') ? USAGE : 1;
  }
}

/**
 * commander's Option.env() reads process.env itself. Options listed in `fromEnv` read `env` instead, at
 * the moment commander would (after the command line, before --help is acted on) and with its
 * precedence: a value from the command line wins. (The help text names the variable, as env() would.)
 */
function envCommand(env: NodeJS.ProcessEnv, fromEnv: ReadonlyMap<Option, string>): Command {
  class EnvCommand extends Command {
    override createCommand(name?: string): Command {
      return new EnvCommand(name);
    }

    override parseOptions(argv: string[]): ParseOptionsResult {
      const parsed = super.parseOptions(argv);
      for (const o of this.options) {
        const name = fromEnv.get(o);
        const raw = name === undefined ? undefined : env[name];
        const key = o.attributeName();
        const source = this.getOptionValueSource(key);
        if (raw === undefined || (source !== undefined && source !== 'default')) continue;
        let value: unknown = raw;
        try {
          value = o.parseArg ? o.parseArg(raw, this.getOptionValue(key)) : raw;
        } catch (e) {
          if (!(e instanceof InvalidArgumentError)) throw e;
          // Worded as commander words a bad option, naming the variable instead of the flag.
          this.error(`error: environment variable ${name} (for ${o.flags}) is invalid. ${e.message}`, {
            code: 'commander.invalidArgument',
          });
        }
        this.setOptionValueWithSource(key, value, 'env');
      }
      return parsed;
    }
  }
  return new EnvCommand();
}

/**
 * `injected`: the streams are not the process's. Help is then 80 columns without colour, and phishing
 * analyze gets them; with the process's own it sets them up itself (a closed stdout pipe ends it quietly).
 */
function buildProgram(io: CliIo, injected: boolean, setStatus: (code: number) => void): Command {
  // Options that fall back to an environment variable; see envCommand.
  const fromEnv = new Map<Option, string>();
  const envOption = (flags: string, description: string, name: string) => {
    const o = new Option(flags, `${description} (env: ${name})`);
    fromEnv.set(o, name);
    return o;
  };
  const program = envCommand(io.env, fromEnv);
  // Inherited by every command added below: errors and --help throw instead of exiting the process,
  // and a usage error exits 2 as a configuration error does (commander's own status is 1).
  program.exitOverride((err) => {
    throw new CommanderError(err.exitCode === 0 ? 0 : USAGE, err.code, err.message);
  });
  // --config is the program's, and every command's help shows it with where the file is looked for.
  program.configureHelp({ showGlobalOptions: true });
  if (injected) {
    program.configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => 80,
      getErrHelpWidth: () => 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  }
  const configOf = (cmd: Command): string | undefined => cmd.optsWithGlobals().config;

  program
    .name('graphsoc')
    .description(
      'Security automation for Microsoft 365: phishing reports become RSA Archer incidents, a Cisco Threat Response relay answers from Microsoft Defender (Graph Security module), and TruSTAR and TAXII 2.1 indicators reach Sentinel, Defender and Graph tiIndicators. Coming: self-service accounts.',
    )
    .version(VERSION)
    .addOption(
      envOption(
        '-c, --config <path>',
        'configuration file (TOML); without it, the file GRAPHSOC_CONFIG names, else ./graphsoc.toml if present, else none',
        'GRAPHSOC_CONFIG',
      ),
    )
    .addHelpText(
      'after',
      '\nExit status of every command: 0 done, 1 the command failed, 2 a usage or configuration error; intel sync: 3 while serve syncs the same source and sink.',
    )
    .showHelpAfterError();

  const portOption = () =>
    envOption('-p, --port <port>', 'HTTP port of the server and dashboard', 'GRAPHSOC_PORT').argParser(
      (v) => {
        const n = Number(v);
        if (!/^\d+$/.test(v) || n > 65535)
          throw new InvalidArgumentError(`expected a port number 0-65535, found "${v}"`);
        return n;
      },
    );

  program
    .command('serve')
    .description('Run the server and the enabled jobs against the real services named in the configuration.')
    .addOption(portOption())
    .action(async (opts: { port?: number }, cmd: Command) => {
      const { runServe } = await import('./serve.js');
      await runServe({ configPath: configOf(cmd), port: opts.port });
    });

  program
    .command('sandbox')
    .description(
      'Start the emulated Microsoft tenant and services on loopback and run graphsoc against them.',
    )
    .addOption(portOption())
    .addHelpText(
      'after',
      '\nThe sandbox makes its own configuration: --config and GRAPHSOC_CONFIG are not read.',
    )
    .option('--data-dir <dir>', 'where the sandbox keeps its database', './data/sandbox')
    .option(
      '--alerts <dir>',
      'load Defender alerts exported from a tenant (alerts_v2.json, incidents.json, alerts.json) instead of sample ones',
    )
    .action(async (opts: { port?: number; dataDir: string; alerts?: string }) => {
      const { runSandbox } = await import('./sandbox.js');
      await runSandbox({ port: opts.port ?? 8080, dataDir: opts.dataDir, alertsDir: opts.alerts });
    });

  const config = program.command('config').description('Inspect the configuration.');
  config
    .command('check')
    .description(
      'Validate the configuration file and GRAPHSOC_* variables, and the files they name, listing every problem; with --online also try the tenants, Archer and the other outside systems.',
    )
    .option(
      '--online',
      'also get a token and read /organization for each tenant, and log into Archer and resolve every [phishing.archer] name when the phishing job is on',
    )
    .addHelpText('after', '\nExit status: 0 all well, 1 an online check failed, 2 a configuration problem.')
    .action(async (opts: { online?: boolean }, cmd: Command) => {
      // Imported when run, as the other commands are: it loads every feature's configuration schema.
      const { checkConfig } = await import('./config-check.js');
      const r = await checkConfig(configOf(cmd), io.env, { online: opts.online === true });
      for (const l of r.out) io.stdout.write(`${l}\n`);
      for (const l of r.err) io.stderr.write(`${l}\n`);
      setStatus(r.exitCode);
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
      const { runRelayToken } = await import('./relay-token.js');
      setStatus(
        await runRelayToken({
          ...(opts as Omit<Parameters<typeof runRelayToken>[0], 'configPath'>),
          configPath: configOf(cmd),
        }),
      );
    });

  const phishing = program.command('phishing').description('Phishing report tools.');
  phishing
    .command('analyze')
    .description(
      "Analyse .eml and .msg files offline with the pipeline's code: verdict and reasons, sender, authentication, Received IPs, IOCs, campaign key.",
    )
    .addHelpText(
      'after',
      '\nExit status: 0 every input was read (some may be unparseable), 1 an input could not be read,\n2 usage or configuration error. With the global --config, phishing.ownDomains, allowDomains,\nlimits, verdict, verifySignatures and dnsServers apply; without it no configuration is read.',
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
      '--verify-signatures',
      "check the original's DKIM signatures and ARC chain against DNS (also phishing.verifySignatures)",
    )
    .option(
      '--own-domain <domain>',
      "your organisation's domain: never an IOC, and what lookalikes imitate; repeat",
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .action(async (paths: string[], opts: Record<string, unknown>, cmd: Command) => {
      const { runPhishingAnalyze } = await import('./phishing-analyze.js');
      // Only an explicit --config counts: the tool is local and reads no environment configuration.
      const explicit = cmd.getOptionValueSourceWithGlobals('config') === 'cli';
      const o = {
        paths,
        json: opts.json === true,
        jobs: opts.jobs as number | undefined,
        allowDomain: opts.allowDomain as string[],
        ownDomain: opts.ownDomain as string[],
        verifySignatures: opts.verifySignatures === true,
        configPath: explicit ? configOf(cmd) : undefined,
      };
      setStatus(await (injected ? runPhishingAnalyze(o, io) : runPhishingAnalyze(o)));
    });

  phishing
    .command('release')
    .description(
      'List quarantined phishing reports, or send the given ones (or --all) back to the pipeline once their cause is fixed.',
    )
    .argument('[report...]', 'report ids as the dashboard and the listing show them')
    .option('--all', 'release every quarantined report')
    .action(async (ids: string[], opts: { all?: boolean }, cmd: Command) => {
      const { runPhishingRelease } = await import('./phishing-release.js');
      setStatus(
        await runPhishingRelease({
          configPath: configOf(cmd),
          env: io.env,
          ids,
          all: opts.all === true,
          out: (l) => io.stdout.write(`${l}\n`),
          err: (l) => io.stderr.write(`${l}\n`),
        }),
      );
    });

  const intel = program.command('intel').description('Threat-intel sync tools.');
  intel
    .command('sync')
    .description(
      'Run the threat-intel sync once now: read each source from where the last run stopped, send each enabled sink what changed.',
    )
    .addHelpText(
      'after',
      '\nExit status: 0 all went through, 1 a sink refused records or a source or sink failed (the next run\nresumes), 2 usage or configuration error, 3 serve is syncing the same source or sink right now.',
    )
    .option('--dry-run', 'read the sources and count what would be sent, per sink and action; send nothing')
    .option(
      '--sink <name>',
      'only this sink (sentinel, defender, graph); repeat',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--json', "print the run's result as one JSON object instead of the table")
    .action(async (opts: { dryRun?: boolean; sink: string[]; json?: boolean }, cmd: Command) => {
      const { runIntelSync } = await import('./intel-sync.js');
      setStatus(
        await runIntelSync({
          configPath: configOf(cmd),
          env: io.env,
          dryRun: opts.dryRun === true,
          sinks: opts.sink,
          json: opts.json === true,
          out: (l) => io.stdout.write(`${l}\n`),
          err: (l) => io.stderr.write(`${l}\n`),
        }),
      );
    });

  const consoleCmd = program.command('console').description('Operator console tools.');
  consoleCmd
    .command('hash-password')
    .description(
      'Read the break-glass password from standard input and print the line for the file console.breakGlass.passwordHashFile names.',
    )
    .action(async () => {
      const { runHashPassword } = await import('./console-password.js');
      setStatus(await runHashPassword(io));
    });

  const db = program.command('db').description('Manage the database.');
  db.command('migrate')
    .description('Apply pending database migrations (serve also applies them at start).')
    .action(async (_opts: unknown, cmd: Command) => {
      const { runMigrate } = await import('./migrate.js');
      setStatus(
        await runMigrate({
          configPath: configOf(cmd),
          env: io.env,
          out: (l) => io.stdout.write(`${l}\n`),
        }),
      );
    });

  return program;
}
