// Runs `graphsoc <args>` for a test and captures status, stdout and stderr. graphsoc() runs the real
// commander program in this process, with an environment of the test's choosing (empty unless given) and
// stdin from bytes: for tests where the process boundary is not the point. graphsocProcess() runs the
// entry point in a child process through tsx, for the rest: relay token, serve and sandbox
// write to the process's own streams, and stdin, signals and the entry point itself need a process.
import { spawn } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../../src/cli/program.js';

const ENTRY = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

export interface CliRun {
  /** What the process would exit with: a command that sets no status exits 0. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

function capture(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function graphsoc(
  args: string[],
  o: { env?: NodeJS.ProcessEnv; stdin?: Uint8Array } = {},
): Promise<CliRun> {
  const stdout = capture();
  const stderr = capture();
  const status = await runProgram(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: Readable.from(o.stdin ? [Buffer.from(o.stdin)] : []),
    env: o.env ?? {},
  });
  return { exitCode: status ?? 0, stdout: stdout.text(), stderr: stderr.text() };
}

/** The child gets PATH and HOME from this environment and nothing else unless given. */
export function graphsocProcess(
  args: string[],
  o: { env?: NodeJS.ProcessEnv; stdin?: Uint8Array } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...o.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === null) reject(new Error(`graphsoc ${args.join(' ')} was killed by ${signal}: ${stderr}`));
      else resolve({ exitCode: code, stdout, stderr });
    });
    child.stdin.end(o.stdin ?? new Uint8Array());
  });
}
