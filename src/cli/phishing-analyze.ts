// `graphsoc phishing analyze`: .eml and .msg files (or directories of them, or stdin) through the
// pipeline's own parse, analysis and campaign-key code, offline. Arguments in, exit code out:
// 0 every input read (some may be unparseable), 1 an input could not be read, 2 a usage or
// configuration error. Records go to stdout; progress, unreadable inputs and the summary to stderr.
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { AnalyzeFileOptions, ReadResult } from '../phishing/analyze-files/analyze-file.js';
import { describe } from '../phishing/analyze-files/analyze-file.js';
import { escapeControl } from '../phishing/analyze-files/escape.js';
import { Progress } from '../phishing/analyze-files/progress.js';
import { analyzeInputs } from '../phishing/analyze-files/run.js';
import { count, emptyTally, formatSummary } from '../phishing/analyze-files/summary.js';
import { discoverInputs, type Input } from '../phishing/analyze-files/walk.js';
import { loadAppConfig } from '../app/config.js';
import { phishingSchema } from '../phishing/index.js';
import { ConfigError } from '../platform/config/index.js';

export const MAX_JOBS = 256;

export interface PhishingAnalyzeOptions {
  paths: string[];
  json?: boolean;
  /** Worker threads; default: the number of CPUs for 64 files or more, else the main thread. */
  jobs?: number;
  allowDomain?: string[];
  ownDomain?: string[];
  /** --verify-signatures: check DKIM and ARC against DNS, whatever the configuration says. */
  verifySignatures?: boolean;
  /** --config as given on the command line. GRAPHSOC_CONFIG is not read: the tool is local. */
  configPath?: string | undefined;
}

export interface AnalyzeIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable;
}

function processIo(): AnalyzeIo {
  // A reader that has seen enough (`| head`) closes the pipe: stop quietly, as other tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}

/**
 * Limits, allow-lists and the verdict's weights: the configuration's when --config is given, defaults
 * otherwise, plus flags.
 */
function settings(o: PhishingAnalyzeOptions): AnalyzeFileOptions | { usage: string } {
  const flags = phishingSchema.safeParse({
    ownDomains: o.ownDomain ?? [],
    allowDomains: o.allowDomain ?? [],
  });
  if (!flags.success) {
    const bad = flags.error.issues.map(
      (i) => `--${i.path[0] === 'ownDomains' ? 'own' : 'allow'}-domain: ${i.message}`,
    );
    return { usage: bad.join('; ') };
  }
  // Throws ConfigError for a missing or invalid file.
  const phishing = o.configPath ? loadAppConfig({ path: o.configPath }).config.phishing : flags.data;
  const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
  return {
    limits: { ...phishing.limits },
    ownDomains: union(phishing.ownDomains, flags.data.ownDomains),
    allowDomains: union(phishing.allowDomains, flags.data.allowDomains),
    authservIds: [...phishing.authservIds],
    verdict: phishing.verdict,
    verifySignatures: o.verifySignatures === true || phishing.verifySignatures,
    dnsServers: [...phishing.dnsServers],
  };
}

async function readStdin(stdin: Readable, max: number): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stdin) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      chunks.push(b);
      total += b.length;
      // One byte past the limit is enough for the parser to call it too large.
      if (total > max) break;
    }
  } catch (e) {
    return { unreadable: describe(e) };
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks).subarray(0, max + 1)) };
}

/**
 * Starting a worker loads the whole parser and analyser (some 0.4 s, the time a hundred messages
 * take), so without an explicit --jobs a small set of files stays in the main thread.
 */
const WORKERS_FROM_FILES = 64;

function jobsOf(o: PhishingAnalyzeOptions): number | undefined | { usage: string } {
  if (o.paths.length === 0) return { usage: 'name at least one file or directory, or - for stdin' };
  if (o.paths.filter((p) => p === '-').length > 1) return { usage: '- (stdin) may be given once' };
  if (o.jobs === undefined) return undefined;
  if (!Number.isInteger(o.jobs) || o.jobs < 1 || o.jobs > MAX_JOBS)
    return { usage: `--jobs: expected a whole number 1-${MAX_JOBS}, found ${o.jobs}` };
  return o.jobs;
}

const defaultJobs = (inputs: readonly Input[]) =>
  inputs.filter((i) => i.kind === 'file').length >= WORKERS_FROM_FILES
    ? Math.min(MAX_JOBS, availableParallelism())
    : 1;

function usage(io: AnalyzeIo, message: string): number {
  io.stderr.write(`error: ${message}\n`);
  return 2;
}

export async function runPhishingAnalyze(
  o: PhishingAnalyzeOptions,
  io: AnalyzeIo = processIo(),
): Promise<number> {
  const jobs = jobsOf(o);
  if (typeof jobs === 'object') return usage(io, jobs.usage);
  let options: AnalyzeFileOptions | { usage: string };
  try {
    options = settings(o);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr.write(`${e.code}: ${e.message}\n`);
    return 2;
  }
  if ('usage' in options) return usage(io, options.usage);
  const started = performance.now();
  const inputs = discoverInputs(o.paths);
  const progress = new Progress(io.stderr.isTTY ? io.stderr : null, inputs.length);
  // The bar shares the terminal with the records only when stdout is a terminal too.
  const barInTheWay = Boolean(io.stdout.isTTY);
  const tally = emptyTally();

  await analyzeInputs(
    inputs,
    {
      jobs: jobs ?? defaultJobs(inputs),
      options,
      format: o.json ? 'json' : 'text',
      readStdin: () => readStdin(io.stdin, options.limits.maxBytes),
    },
    {
      emit: async (outcome, input) => {
        count(tally, outcome);
        if (outcome.unreadable !== null) {
          progress.clear();
          io.stderr.write(`cannot read ${escapeControl(input.file)}: ${outcome.unreadable}\n`);
        }
        if (outcome.out === '') return;
        if (barInTheWay) progress.clear();
        const ok = io.stdout.write(outcome.out);
        if (barInTheWay) progress.redraw();
        if (!ok) await once(io.stdout, 'drain');
      },
      progress: (n) => progress.advance(n),
    },
  );
  progress.clear();
  io.stderr.write(formatSummary(tally, performance.now() - started));
  return tally.unreadable > 0 ? 1 : 0;
}
