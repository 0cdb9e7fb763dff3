// What account provisioning calls, against the Graph emulator: domains that take new users, SKUs
// and their free seats, assignLicense with its refusals, a Temporary Access Pass shown once, group
// owners, finding and deleting a user, and each documented 400 read by directoryRefusal from the
// real answer body (not a hand-made error).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  acceptsNewUsers,
  addGroupMember,
  addGroupOwner,
  assignLicense,
  createGroup,
  createTemporaryAccessPass,
  createUser,
  deleteUser,
  directoryRefusal,
  findUserByUpn,
  freeSeats,
  listDomains,
  listGroupOwners,
  listSubscribedSkus,
  updateUser,
} from '../../../../../src/connectors/microsoft/graph/index.js';
import { graphFixture, newUser } from './helpers.js';

const A1 = '314c4481-f395-4525-be8b-2ec4bb1e9d91';

/** The refusal a call ends in, read from the emulator's answer. */
async function refusalOf(call: Promise<unknown>) {
  try {
    await call;
  } catch (e) {
    return directoryRefusal(e);
  }
  assert.fail('the call went through');
}

describe('graph resources for account provisioning', () => {
  const t = graphFixture(
    ['Group.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All', 'Directory.Read.All'],
    (emu, tenant) => {
      emu.seedSkus(tenant, [{ skuId: A1, skuPartNumber: 'STANDARDWOFFPACK_STUDENT', enabled: 1 }]);
      emu.seedDomains(tenant, [
        { id: 'partner.example', isVerified: false },
        { id: 'fed.example', isVerified: true, authenticationType: 'Federated' },
      ]);
    },
  );

  test('domains: only verified, managed ones take new users', async () => {
    const domains = await listDomains(t.graph);
    const taking = domains.filter(acceptsNewUsers).map((d) => d.id);
    assert.ok(taking.includes('contoso.onmicrosoft.com'));
    assert.ok(!taking.includes('partner.example'), 'not verified');
    assert.ok(!taking.includes('fed.example'), 'federated');
  });

  test('a UPN conflict and an unverified domain are told apart from the answer body', async () => {
    await createUser(t.graph, newUser('grace'));
    assert.deepEqual(await refusalOf(createUser(t.graph, newUser('grace'))), {
      kind: 'conflict',
      target: 'userPrincipalName',
    });
    assert.deepEqual(
      await refusalOf(
        createUser(t.graph, { ...newUser('grace'), userPrincipalName: 'grace@partner.example' }),
      ),
      { kind: 'unverified-domain' },
    );
    assert.deepEqual(
      await refusalOf(createUser(t.graph, { ...newUser('weak'), passwordProfile: { password: 'abc' } })),
      { kind: 'password-complexity' },
    );
  });

  test('a licence needs a usage location and a free seat; the seats are counted', async () => {
    const a = await createUser(t.graph, newUser('alan'));
    assert.deepEqual(await refusalOf(assignLicense(t.graph, a.id, { add: [{ skuId: A1 }] })), {
      kind: 'usage-location',
    });
    await updateUser(t.graph, a.id, { usageLocation: 'DE' });
    assert.equal(freeSeats((await listSubscribedSkus(t.graph))[0]!), 1);
    await assignLicense(t.graph, a.id, { add: [{ skuId: A1 }] });
    assert.deepEqual(t.emu.userLicenses(t.tenantId, a.id), [A1]);
    assert.equal(freeSeats((await listSubscribedSkus(t.graph))[0]!), 0);
    const b = await createUser(t.graph, { ...newUser('edsger'), usageLocation: 'DE' });
    assert.deepEqual(await refusalOf(assignLicense(t.graph, b.id, { add: [{ skuId: A1 }] })), {
      kind: 'no-seats',
    });
  });

  test('a Temporary Access Pass is shown once', async () => {
    const u = await createUser(t.graph, newUser('barbara'));
    const pass = await createTemporaryAccessPass(t.graph, u.id, {
      lifetimeInMinutes: 60,
      isUsableOnce: true,
    });
    assert.ok((pass.temporaryAccessPass ?? '').length >= 8);
    assert.equal(pass.lifetimeInMinutes, 60);
    assert.equal(t.emu.temporaryAccessPass(t.tenantId, u.id)?.temporaryAccessPass, pass.temporaryAccessPass);
  });

  test('owners: added once; a second add is "already referenced", as a second member add is', async () => {
    const owner = await createUser(t.graph, newUser('katherine'));
    const group = await createGroup(t.graph, {
      displayName: 'Course 101',
      mailEnabled: false,
      mailNickname: 'course101',
      securityEnabled: true,
    });
    await addGroupOwner(t.graph, group.id, owner.id);
    assert.deepEqual(await refusalOf(addGroupOwner(t.graph, group.id, owner.id)), {
      kind: 'already-referenced',
    });
    await addGroupMember(t.graph, group.id, owner.id);
    assert.deepEqual(await refusalOf(addGroupMember(t.graph, group.id, owner.id)), {
      kind: 'already-referenced',
    });
    const owners = [];
    for await (const page of listGroupOwners(t.graph, group.id)) owners.push(...page);
    assert.deepEqual(
      owners.map((o) => o.id),
      [owner.id],
    );
  });

  test('finds a user by UPN without regard to case, and not once deleted', async () => {
    const u = await createUser(t.graph, newUser('hedy'));
    assert.equal((await findUserByUpn(t.graph, 'HEDY@contoso.onmicrosoft.com'))?.id, u.id);
    assert.equal(await findUserByUpn(t.graph, "o'nobody@contoso.onmicrosoft.com"), undefined);
    await deleteUser(t.graph, u.id);
    assert.equal(await findUserByUpn(t.graph, 'hedy@contoso.onmicrosoft.com'), undefined);
  });
});
