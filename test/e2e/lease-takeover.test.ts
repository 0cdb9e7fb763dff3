// Two real `graphsoc serve` processes sharing one PostgreSQL schema: the housekeeping unit is owned by
// one of them at a time; kill -9 the owner and the other takes over once the lease has expired.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Store } from '../../src/platform/db/index.js';
import { LeaseStore } from '../../src/platform/leases/index.js';
import { waitFor } from '../helpers/wait.js';

const PG_BASE = process.env.GRAPHSOC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const TTL_SEC = 5;
const RENEW_SEC = 1;

interface Instance {
  proc: ChildProcess;
  instance: string;
  url: string;
  lines: string[];
}

function startServe(dbUrl: string): Promise<Instance> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0'], {
    env: {
      ...process.env,
      GRAPHSOC_CONFIG: '',
      GRAPHSOC_LOG_LEVEL: 'info',
      GRAPHSOC_DATABASE_URL: dbUrl,
      GRAPHSOC_LEASES_TTL_SEC: String(TTL_SEC),
      GRAPHSOC_LEASES_RENEW_EVERY_SEC: String(RENEW_SEC),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buf = '';
  return new Promise((resolve, reject) => {
    proc.stdout?.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let i = buf.indexOf('\n');
      while (i >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        let rec: { msg?: string; url?: string; instance?: string } = {};
        try {
          rec = JSON.parse(line) as typeof rec;
        } catch {
          // not a log record (e.g. a warning printed by node); kept in `lines` for the failure message
        }
        if (rec.msg === 'graphsoc listening' && rec.url && rec.instance) {
          resolve({ proc, instance: rec.instance, url: rec.url, lines });
        }
        i = buf.indexOf('\n');
      }
    });
    proc.stderr?.on('data', (d: Buffer) => lines.push(d.toString('utf8')));
    proc.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${lines.join('\n')}`)));
  });
}

function exited(p: ChildProcess): Promise<number | null> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve(p.exitCode);
  return new Promise((r) => p.once('exit', (code) => r(code)));
}

describe('lease takeover between two graphsoc processes on PostgreSQL', () => {
  const schema = `gsoc_e2e_${randomBytes(4).toString('hex')}`;
  const dbUrl = `${PG_BASE}?schema=${schema}`;
  let store: Store;
  let leases: LeaseStore;
  const procs: ChildProcess[] = [];

  before(async () => {
    store = await openDatabase(dbUrl);
    leases = new LeaseStore(store);
  });
  after(async () => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await Promise.all(procs.map(exited));
    await store.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await store.close();
  });

  const owner = async () => (await leases.list()).find((l) => l.name === 'housekeeping');

  test('kill -9 of the owner: the other instance takes over after expiry, never before', async () => {
    const a = await startServe(dbUrl);
    procs.push(a.proc);
    await waitFor('A owns housekeeping', async () => (await owner())?.owner === a.instance);
    const b = await startServe(dbUrl);
    procs.push(b.proc);

    // While A lives and renews, B never gets the lease (several renewal rounds).
    await waitFor('A renewed several times while B runs', async () => {
      const l = await owner();
      assert.equal(l?.owner, a.instance, 'B took the lease while A was alive');
      return l && l.renewedAt - l.acquiredAt >= 3 * RENEW_SEC * 1000;
    });

    const before = await owner();
    assert.ok(before);
    a.proc.kill('SIGKILL');
    await exited(a.proc);
    const killedAt = await leases.now();
    const lastExpiry = (await owner())?.expiresAt ?? before.expiresAt;

    const taken = await waitFor(
      'B owns housekeeping',
      async () => {
        const l = await owner();
        return l?.owner === b.instance && l;
      },
      { timeoutMs: 4 * TTL_SEC * 1000 },
    );

    // Never both: B acquired only once A's last renewal had expired, with a higher fencing epoch.
    assert.ok(
      taken.acquiredAt >= lastExpiry,
      `B acquired at ${taken.acquiredAt}, before A's expiry ${lastExpiry}`,
    );
    assert.ok(taken.epoch > before.epoch);
    // Within one lease period of the kill (plus one renewal tick and scheduling slack on a busy machine).
    assert.ok(
      taken.acquiredAt - killedAt <= (TTL_SEC + RENEW_SEC) * 1000 + 2000,
      `took ${taken.acquiredAt - killedAt} ms`,
    );

    const events = await leases.events('housekeeping');
    const takeover = events.find((e) => e.event === 'taken-over' && e.owner === b.instance);
    assert.ok(takeover, `no taken-over event in ${JSON.stringify(events)}`);
    const epochs = events.filter((e) => e.event !== 'released').map((e) => e.epoch);
    assert.deepEqual(
      epochs,
      [...epochs].sort((x, y) => x - y),
      'epochs must only grow',
    );
  });

  test('a graceful stop releases the lease so a third instance takes over at once', async () => {
    const holder = await owner();
    assert.ok(holder);
    const holderProc = procs.at(-1);
    assert.ok(holderProc);
    const c = await startServe(dbUrl);
    procs.push(c.proc);
    holderProc.kill('SIGTERM');
    assert.equal(await exited(holderProc), 0);
    const released = (await leases.events('housekeeping')).find(
      (e) => e.event === 'released' && e.owner === holder.owner,
    );
    assert.ok(released, 'SIGTERM released the lease');
    const taken = await waitFor('C owns housekeeping', async () => {
      const l = await owner();
      return l?.owner === c.instance && l;
    });
    // Released leases are acquired without waiting for expiry.
    assert.ok(taken.acquiredAt < holder.expiresAt + RENEW_SEC * 1000 + 2000);
    c.proc.kill('SIGTERM');
    assert.equal(await exited(c.proc), 0);
  });
});
