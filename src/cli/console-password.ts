// `graphsoc console hash-password`: reads the break-glass password from stdin and prints the line for
// console.breakGlass.passwordHashFile. The password never appears in argv or the environment.
import type { Readable, Writable } from 'node:stream';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../console/sign-in/index.js';

/** More than any password; stdin past this is refused rather than read on. */
const MAX_INPUT_BYTES = 4096;

export interface HashPasswordIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** Exit status: 0 with the hash line on stdout, 2 when the input is no usable password. */
export async function runHashPassword(io: HashPasswordIo): Promise<number> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > MAX_INPUT_BYTES) {
      io.stderr.write(`error: the password on stdin is longer than ${MAX_INPUT_BYTES} bytes\n`);
      return 2;
    }
    chunks.push(b);
  }
  // One line: what `echo`, a password manager's pipe or a typed line followed by Ctrl-D gives.
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password.includes('\n')) {
    io.stderr.write('error: expected the password on one line\n');
    return 2;
  }
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    io.stderr.write(`error: expected a password of at least ${MIN_PASSWORD_LENGTH} characters on stdin\n`);
    return 2;
  }
  io.stdout.write(`${await hashPassword(password)}\n`);
  return 0;
}
