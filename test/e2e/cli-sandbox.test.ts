// The real `graphsoc sandbox` command in a child process: prints the dashboard's and the public URL
// and the emulated tenant, serves the dashboard and /healthz, and stops cleanly on Ctrl-C (SIGINT).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

test('graphsoc sandbox prints its URL and credentials, serves, and exits 0 on SIGINT', async () => {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'sandbox', '--port', '0', '--data-dir', tempDir()],
    {
      env: { ...process.env, GRAPHSOC_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  proc.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  proc.stderr.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  const exit = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  try {
    const url = await waitFor(
      'dashboard URL',
      () => /Dashboard\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1],
      {
        timeoutMs: 60_000,
      },
    );
    assert.match(out, /tenant id\s+[0-9a-f-]{36}/);
    assert.match(out, /client secret\s+sbx~/);
    assert.match(out, /Archer login\s+instance \S+, user \S+, password \S+\s+\(sandbox only\)/);
    assert.match(out, /Database\s+sqlite:\S+\s+\(new at each start/);
    const publicUrl = /Public\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
    assert.ok(publicUrl && publicUrl !== url, out);
    assert.equal((await fetch(`${publicUrl}/healthz`)).status, 200);
    assert.equal((await fetch(`${url}/`)).status, 200, 'the dashboard');
    proc.kill('SIGINT');
    assert.equal(await exit, 0, out);
    assert.match(out, /SIGINT received: stopping/);
  } finally {
    if (proc.exitCode === null) proc.kill('SIGKILL');
  }
});
