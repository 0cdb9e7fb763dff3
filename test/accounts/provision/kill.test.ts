// A worker process killed with SIGKILL right after each kind of Graph call (before its record), then
// a new worker on the same database: every request ends in exactly one account, with no orphans (users
// no request records) and no duplicates (two users for one address).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { accountsSection, allRequests, assertSingleOutcome, suiteWorlds, type World } from './world.js';

const CHILD = fileURLToPath(new URL('./engine-child.ts', import.meta.url));

function worker(
  w: World,
  killAt?: { call: string; nth: number },
): Promise<{ signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PROVISION_CHILD: JSON.stringify({
          dbUrl: w.db.url,
          tenant: w.tenant,
          accounts: accountsSection(w.groups),
          ...(killAt ? { killAt } : {}),
        }),
      },
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, out }));
  });
}

const KILLS: Array<{ call: string; nth: number }> = [
  { call: 'createUser', nth: 1 },
  { call: 'createUser', nth: 3 },
  { call: 'assignLicense', nth: 2 },
  { call: 'addGroupMember', nth: 1 },
  { call: 'addGroupMember', nth: 4 },
  { call: 'notify', nth: 2 },
];

describe('a worker killed with SIGKILL at each step, then restarted', () => {
  const worlds = suiteWorlds();

  for (const killAt of KILLS)
    test(`killed after ${killAt.call} #${killAt.nth}`, async () => {
      const w = await worlds.open();
      // Two people with one name: the second must get name2 even across the kill.
      await w.file(2, { givenName: 'Alan', surname: 'Turing' });
      await w.file(1, { address: 'x@example.edu', givenName: 'Edsger', surname: 'Dijkstra' });
      await w.file(1, { address: 'y@example.edu', givenName: 'Barbara', surname: 'Liskov' });
      const killed = await worker(w, killAt);
      assert.equal(killed.signal, 'SIGKILL', killed.out);
      assert.ok((await w.requests.counts()).approved > 0, 'work was left when it died');
      const restarted = await worker(w);
      assert.equal(restarted.signal, null, restarted.out);
      assert.match(restarted.out, /finished/);
      const rs = await allRequests(w);
      assert.deepEqual(
        rs.map((r) => r.state),
        rs.map(() => 'done'),
      );
      assert.deepEqual(rs.map((r) => r.upn).sort(), [
        'alan.turing2@contoso.onmicrosoft.com',
        'alan.turing@contoso.onmicrosoft.com',
        'barbara.liskov@contoso.onmicrosoft.com',
        'edsger.dijkstra@contoso.onmicrosoft.com',
      ]);
      assert.equal(w.emu.directoryUsers(w.tenant.tenantId).length, 4);
      const { orphans, duplicates } = await assertSingleOutcome(w);
      assert.equal(orphans + duplicates, 0);
    });
});
