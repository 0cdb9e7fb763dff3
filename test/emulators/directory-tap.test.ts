// Temporary Access Pass methods of the directory emulator over real HTTPS: the pass is returned once,
// a new pass replaces the old, the policy's lifetime bounds, usability on the emulator clock, delete, 403.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TENANT } from './helpers.js';
import { assertGraphError, type DirectoryFixture, newUser, startDirectory } from './directory-fixtures.js';

describe('directory emulator: Temporary Access Passes', () => {
  let d: DirectoryFixture;
  let user = '';
  const path = () => `/v1.0/users/${user}/authentication/temporaryAccessPassMethods`;
  const create = (body: unknown = {}, as?: string) => d.call(path(), { method: 'POST', body }, as);

  before(async () => {
    d = await startDirectory();
    user = (await d.call('/v1.0/users', { method: 'POST', body: newUser('tap.user') })).body.id;
  });
  after(async () => d.close());

  test('a create answers 201 with the pass; later reads show it as null', async () => {
    const res = await create({ lifetimeInMinutes: 120, isUsableOnce: true });
    assert.equal(res.status, 201, res.text);
    assert.equal(typeof res.body.temporaryAccessPass, 'string');
    assert.equal(res.body.temporaryAccessPass.length, 8);
    assert.deepEqual(
      [res.body.lifetimeInMinutes, res.body.isUsableOnce, res.body.isUsable],
      [120, true, true],
    );
    assert.equal(res.body.methodUsabilityReason, 'EnabledByPolicy');
    const list = await d.call(path());
    assert.equal(list.status, 200);
    assert.equal(list.body.value.length, 1);
    assert.equal(list.body.value[0].temporaryAccessPass, null);
    const one = await d.call(`${path()}/${res.body.id}`);
    assert.equal(one.body.temporaryAccessPass, null);
    assert.equal(d.em.temporaryAccessPass(TENANT, user)?.temporaryAccessPass, res.body.temporaryAccessPass);
  });

  test('a new pass replaces the old one', async () => {
    const first = (await create()).body.id;
    const second = (await create()).body.id;
    assert.notEqual(first, second);
    const list = await d.call(path());
    assert.deepEqual(
      list.body.value.map((m: { id: string }) => m.id),
      [second],
    );
    assertGraphError(await d.call(`${path()}/${first}`), 404, 'Request_ResourceNotFound');
  });

  test('a lifetime outside the policy is refused; the policy can widen it', async () => {
    for (const lifetimeInMinutes of [30, 481])
      assertGraphError(await create({ lifetimeInMinutes }), 400, 'badRequest', /between 60 and 480 minutes/);
    d.em.setTemporaryAccessPassPolicy({ minimumLifetimeInMinutes: 10, maximumLifetimeInMinutes: 43_200 });
    assert.equal((await create({ lifetimeInMinutes: 30 })).status, 201);
    d.em.setTemporaryAccessPassPolicy({ minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480 });
  });

  test('a pass expires on the emulator clock', async () => {
    const id = (await create({ lifetimeInMinutes: 60 })).body.id;
    d.clock.now += 61 * 60_000;
    const res = await d.call(`${path()}/${id}`);
    assert.deepEqual([res.body.isUsable, res.body.methodUsabilityReason], [false, 'Expired']);
  });

  test('DELETE removes the pass', async () => {
    const id = (await create()).body.id;
    assert.equal((await d.call(`${path()}/${id}`, { method: 'DELETE' })).status, 204);
    assert.deepEqual((await d.call(path())).body.value, []);
    assertGraphError(await d.call(`${path()}/${id}`, { method: 'DELETE' }), 404, 'Request_ResourceNotFound');
  });

  test('an unknown user answers 404; without UserAuthenticationMethod.ReadWrite.All a create answers 403', async () => {
    assertGraphError(
      await d.call('/v1.0/users/nobody@contoso.onmicrosoft.com/authentication/temporaryAccessPassMethods', {
        method: 'POST',
        body: {},
      }),
      404,
      'Request_ResourceNotFound',
    );
    assertGraphError(
      await create({}, await d.tokenWith(['User.ReadWrite.All', 'UserAuthenticationMethod.Read.All'])),
      403,
      'Authorization_RequestDenied',
    );
  });
});
