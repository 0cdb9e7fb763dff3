// GET /subscribedSkus and POST /users/{id}/assignLicense of the directory emulator over real HTTPS:
// seats counted, the usageLocation, unknown-SKU, no-seat and not-held errors, removal, and the 403.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TENANT } from './helpers.js';
import {
  assertGraphError,
  type DirectoryFixture,
  newUser,
  SKU_A1,
  SKU_FACULTY,
  startDirectory,
} from './directory-fixtures.js';

const UNKNOWN_SKU = '0b0b0b0b-0000-4000-8000-000000000000';

describe('directory emulator: licences', () => {
  let d: DirectoryFixture;
  const userWith = async (nick: string, extra: Record<string, unknown> = { usageLocation: 'DE' }) =>
    (await d.call('/v1.0/users', { method: 'POST', body: newUser(nick, extra) })).body.id as string;
  const assign = (id: string, body: unknown, as?: string) =>
    d.call(`/v1.0/users/${id}/assignLicense`, { method: 'POST', body }, as);
  const add = (skuId: string) => ({ addLicenses: [{ skuId, disabledPlans: [] }], removeLicenses: [] });
  const skus = async () => {
    const res = await d.call('/v1.0/subscribedSkus');
    assert.equal(res.status, 200, res.text);
    return Object.fromEntries(res.body.value.map((s: { skuId: string }) => [s.skuId, s])) as Record<
      string,
      Record<string, never>
    >;
  };

  before(async () => {
    d = await startDirectory();
    d.em.seedSkus(TENANT, [
      { skuId: SKU_A1, skuPartNumber: 'STANDARDWOFFPACK_STUDENT', enabled: 2 },
      { skuId: SKU_FACULTY, skuPartNumber: 'STANDARDWOFFPACK_FACULTY', enabled: 5 },
    ]);
  });
  after(async () => d.close());

  test('subscribedSkus shows each subscription with prepaidUnits.enabled and consumedUnits', async () => {
    const a1 = (await skus())[SKU_A1];
    assert.equal(a1?.skuPartNumber, 'STANDARDWOFFPACK_STUDENT');
    assert.deepEqual(a1?.prepaidUnits, { enabled: 2, suspended: 0, warning: 0, lockedOut: 0 });
    assert.equal(a1?.consumedUnits, 0);
    assert.equal(a1?.capabilityStatus, 'Enabled');
  });

  test('a licence is assigned while seats last, then the no-seat error; removal frees the seat', async () => {
    const [a, b, c] = [await userWith('seat.a'), await userWith('seat.b'), await userWith('seat.c')];
    const ok = await assign(a, add(SKU_A1));
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.id, a);
    assert.equal((await assign(b, add(SKU_A1))).status, 200);
    assert.equal((await skus())[SKU_A1]?.consumedUnits, 2);
    assertGraphError(
      await assign(c, add(SKU_A1)),
      400,
      'Request_BadRequest',
      `Subscription with SKU ${SKU_A1} does not have any available licenses.`,
    );
    assert.equal((await assign(a, add(SKU_A1))).status, 200, 'assigning a held licence again takes no seat');
    const removed = await assign(b, { addLicenses: [], removeLicenses: [SKU_A1] });
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(d.em.userLicenses(TENANT, b), []);
    assert.equal((await assign(c, add(SKU_A1))).status, 200);
    assert.deepEqual(d.em.licenseSeats(TENANT)[SKU_A1], { enabled: 2, consumed: 2 });
    assert.equal((await d.call(`/v1.0/users/${c}`, { method: 'DELETE' })).status, 204);
    assert.equal((await skus())[SKU_A1]?.consumedUnits, 1, 'a deleted user frees the seat');
  });

  test('a user without usageLocation cannot be licensed', async () => {
    const id = await userWith('no.location', {});
    assertGraphError(
      await assign(id, add(SKU_FACULTY)),
      400,
      'Request_BadRequest',
      'License assignment cannot be done for user with invalid usage location.',
    );
    assert.equal((await skus())[SKU_FACULTY]?.consumedUnits, 0);
  });

  test('both arrays are required, an unknown SKU and removing a licence not held are refused', async () => {
    const id = await userWith('lic.errors');
    assertGraphError(
      await assign(id, { addLicenses: [] }),
      400,
      'Request_BadRequest',
      "One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: removeLicenses.",
    );
    assertGraphError(
      await assign(id, add(UNKNOWN_SKU)),
      400,
      'Request_BadRequest',
      /does not correspond to a valid company License/,
    );
    assertGraphError(
      await assign(id, { addLicenses: [], removeLicenses: [SKU_FACULTY] }),
      400,
      'Request_BadRequest',
      'User does not have a corresponding license.',
    );
    assertGraphError(
      await assign('0e6f1a6e-9999-4999-8999-000000000009', add(SKU_FACULTY)),
      404,
      'Request_ResourceNotFound',
    );
  });

  test('a refused part changes nothing: the valid SKU of the same call takes no seat', async () => {
    const id = await userWith('atomic');
    const before = (await skus())[SKU_FACULTY]?.consumedUnits;
    const res = await assign(id, {
      addLicenses: [{ skuId: SKU_FACULTY }, { skuId: UNKNOWN_SKU }],
      removeLicenses: [],
    });
    assert.equal(res.status, 400);
    assert.equal((await skus())[SKU_FACULTY]?.consumedUnits, before);
  });

  test('without a licence-writing role assignLicense answers 403; without a directory read role so do SKUs', async () => {
    const id = await userWith('lic.denied');
    assertGraphError(
      await assign(id, add(SKU_FACULTY), await d.tokenWith(['User.Read.All'])),
      403,
      'Authorization_RequestDenied',
    );
    assertGraphError(
      await d.call('/v1.0/subscribedSkus', {}, await d.tokenWith(['User.ReadWrite.All'])),
      403,
      'Authorization_RequestDenied',
    );
  });
});
