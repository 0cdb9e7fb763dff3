// The break-glass password hash: its line format, checks in constant work, bounded costs, and the
// `graphsoc console hash-password` command that writes it.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { runHashPassword } from '../../../src/cli/console-password.js';
import { hashPassword, parsePasswordHash, verifyPassword } from '../../../src/console/sign-in/index.js';

const cheap = { N: 1024, r: 8, p: 1 };

test('a hash line verifies its password and no other', async () => {
  const line = await hashPassword('a long enough password', cheap);
  assert.match(line, /^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  const h = parsePasswordHash(`${line}\n`);
  assert.equal(await verifyPassword(h, 'a long enough password'), true);
  assert.equal(await verifyPassword(h, 'a long enough passwore'), false);
  assert.equal(await verifyPassword(h, ''), false);
  assert.notEqual(await hashPassword('a long enough password', cheap), line, 'a fresh salt each time');
});

test('refuses lines that are no hash, or whose cost is out of bounds', () => {
  for (const bad of [
    '',
    'plaintext',
    'scrypt$1024$8$1$c2FsdA',
    'bcrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'scrypt$4194304$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'scrypt$1024$99$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  ])
    assert.throws(() => parsePasswordHash(bad), { code: 'GSOC_CONSOLE_SIGNIN_PASSWORD_FILE_INVALID' }, bad);
});

async function run(input: string) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  stdin.end(input);
  const code = await runHashPassword({ stdin, stdout, stderr });
  return { code, out, err };
}

test('hash-password reads one line from stdin and prints a line the console accepts', async () => {
  const r = await run('correct horse battery staple\n');
  assert.equal(r.code, 0, r.err);
  assert.equal(await verifyPassword(parsePasswordHash(r.out), 'correct horse battery staple'), true);
});

test('hash-password refuses a short password, several lines and a flood on stdin', async () => {
  assert.equal((await run('short\n')).code, 2);
  assert.equal((await run('first line here\nsecond line here\n')).code, 2);
  const flood = await run('x'.repeat(1024 * 1024));
  assert.equal(flood.code, 2);
  assert.match(flood.err, /longer than/);
});
