// Two engines on one PostgreSQL database at once, each with its own connection pool and no lease
// between them: the lease normally keeps one, but the step records alone (conditional writes, the
// unique account-name index, the directory's own conflict) must still make every outcome single.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EntraGraphEmulator } from '../../../emulators/index.js';
import { createProvisioner } from '../../../src/accounts/provision/index.js';
import { AccountsAudit } from '../../../src/accounts/store/audit.js';
import { AccountRequests } from '../../../src/accounts/store/requests.js';
import { forgetCachedApplications } from '../../../src/connectors/microsoft/identity/index.js';
import { openDatabase, type Store } from '../../../src/platform/db/index.js';
import { startEmulator } from '../../connectors/microsoft/helpers.js';
import { allRequests, assertSingleOutcome, drive, graphClientFor, openWorld, type World } from './world.js';

describe('two engines on one PostgreSQL database', () => {
  let emu: EntraGraphEmulator;
  let w: World;
  let second: Store;
  before(async () => {
    emu = await startEmulator();
    w = await openWorld(emu, { dialect: 'postgres' });
    second = await openDatabase(w.db.url);
  });
  after(async () => {
    await second.close();
    await w.close();
    await forgetCachedApplications();
    await emu.close();
  });

  test('thirty requests, many with one name, worked by both at once: one account each', async () => {
    // Ten people named alike (one base name, numbered), twenty others.
    for (let i = 0; i < 10; i++)
      await w.file(1, { address: `same${i}@example.edu`, givenName: 'Ana', surname: 'Silva' });
    for (let i = 0; i < 20; i++)
      await w.file(1, { address: `p${i}@example.edu`, givenName: `Person${i}`, surname: 'Test' });
    w.emu.setReplicationDelay(150);
    try {
      const graph2 = graphClientFor(w.tenant);
      const other = createProvisioner(
        w.deps({
          requests: new AccountRequests(second.db, w.clock.now),
          audit: new AccountsAudit(second.db, w.clock.now),
          graph: graph2,
        }),
      );
      const one = w.engine();
      await drive(w, [one, other], { pauseMs: 60 });
      await graph2.close();
      assert.ok(one.pacer.counts().sent > 0 && other.pacer.counts().sent > 0, 'both engines wrote');
    } finally {
      w.emu.setReplicationDelay(0);
    }
    const rs = await allRequests(w);
    assert.equal(rs.length, 30);
    assert.deepEqual(
      rs.filter((r) => r.state !== 'done').map((r) => [r.state, r.reason, r.error]),
      [],
    );
    const silva = rs.filter((r) => r.upn?.startsWith('ana.silva')).map((r) => r.upn);
    assert.equal(new Set(silva).size, 10, 'ten distinct names');
    assert.equal(w.emu.directoryUsers(w.tenant.tenantId).length, 30, 'thirty users');
    for (const r of rs) {
      assert.equal(w.emu.userLicenses(w.tenant.tenantId, r.userId!).length, 1);
    }
    const groupA = w.emu.directoryGroups(w.tenant.tenantId).find((g) => g.id === w.groups.a);
    assert.equal(groupA?.members.length, 30);
    const { orphans, duplicates } = await assertSingleOutcome(w);
    assert.equal(orphans + duplicates, 0);
  });
});
