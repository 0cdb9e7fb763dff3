// POST/GET/PATCH/DELETE /users and GET /domains of the directory emulator over real HTTPS: each
// documented 400 of a create, the 404 of an unknown user, $filter, and the 403 without the roles.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TENANT } from './helpers.js';
import { assertGraphError, type DirectoryFixture, newUser, startDirectory } from './directory-fixtures.js';

const BAD = 'Request_BadRequest';

describe('directory emulator: users', () => {
  let d: DirectoryFixture;
  const create = (body: unknown, as?: string) => d.call('/v1.0/users', { method: 'POST', body }, as);

  before(async () => {
    d = await startDirectory();
    d.em.seedDomains(TENANT, [
      { id: 'uni.example', isVerified: true },
      { id: 'pending.example', isVerified: false },
    ]);
  });
  after(async () => d.close());

  test('a create answers 201 with the default properties and no password', async () => {
    const res = await create(newUser('ada.lovelace', { givenName: 'Ada', employeeId: 'E-1' }));
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.userPrincipalName, 'ada.lovelace@contoso.onmicrosoft.com');
    assert.match(
      res.headers.location ?? '',
      /\/directoryObjects\/[0-9a-f-]{36}\/Microsoft\.DirectoryServices\.User$/,
    );
    assert.equal(res.body.passwordProfile, undefined);
    assert.equal(
      d.em.directoryUser(TENANT, 'ada.lovelace@contoso.onmicrosoft.com')?.passwordProfile,
      undefined,
    );
  });

  test('a userPrincipalName already taken answers 400 with an ObjectConflict detail, in any case', async () => {
    assert.equal((await create(newUser('taken'))).status, 201);
    const res = await create(newUser('TAKEN', { mailNickname: 'other' }));
    assertGraphError(
      res,
      400,
      BAD,
      'Another object with the same value for property userPrincipalName already exists.',
    );
    assert.deepEqual(
      res.body.error.details.map((x: { code: string; target: string }) => [x.code, x.target]),
      [['ObjectConflict', 'userPrincipalName']],
    );
  });

  test('a mail address another user holds conflicts on proxyAddresses', async () => {
    assert.equal((await create(newUser('mail.one', { mail: 'shared@uni.example' }))).status, 201);
    const res = await create(newUser('mail.two', { mail: 'Shared@uni.example' }));
    assertGraphError(res, 400, BAD, /property proxyAddresses already exists/);
    assert.equal(res.body.error.details[0].target, 'proxyAddresses');
  });

  test('each missing required property answers 400 naming it', async () => {
    for (const key of [
      'accountEnabled',
      'displayName',
      'mailNickname',
      'passwordProfile',
      'userPrincipalName',
    ]) {
      const body = newUser(`missing.${key}`);
      delete body[key];
      assertGraphError(await create(body), 400, BAD, new RegExp(`property '${key}' of resource 'User'`));
    }
  });

  test('a malformed userPrincipalName answers "Property userPrincipalName is invalid."', async () => {
    const long = `${'a'.repeat(65)}@contoso.onmicrosoft.com`;
    for (const upn of [
      'no-at-sign',
      'ends.with.dot.@contoso.onmicrosoft.com',
      'jörg@contoso.onmicrosoft.com',
      'a b@contoso.onmicrosoft.com',
      'a@b@contoso.onmicrosoft.com',
      long,
    ]) {
      assertGraphError(
        await create(newUser('x', { userPrincipalName: upn })),
        400,
        BAD,
        'Property userPrincipalName is invalid.',
      );
    }
  });

  test('a domain the tenant has not verified is refused; a verified seeded one is accepted', async () => {
    for (const domain of ['pending.example', 'elsewhere.example']) {
      assertGraphError(
        await create(newUser('d', { userPrincipalName: `d@${domain}` })),
        400,
        BAD,
        /^The domain portion of the userPrincipalName property is invalid\. You must use one of the verified domain names/,
      );
    }
    assert.equal((await create(newUser('d', { userPrincipalName: 'd@UNI.example' }))).status, 201);
  });

  test('an invalid mailNickname is refused', async () => {
    for (const nick of ['has space', 'a@b', 'x'.repeat(65), 'semi;colon', 'ümlaut']) {
      assertGraphError(
        await create(newUser('n', { userPrincipalName: 'nick@contoso.onmicrosoft.com', mailNickname: nick })),
        400,
        BAD,
        "Invalid value specified for property 'mailNickname' of resource 'User'.",
      );
    }
  });

  test('a password the cloud policy refuses answers the complexity message, unless strong passwords are off', async () => {
    const message =
      'The specified password does not comply with password complexity requirements. Please provide a different password.';
    for (const password of ['short1A', 'alllowercase', 'lowerand1digit', 'Ünicode-Pass1', 'x'.repeat(257)]) {
      const body = newUser('pw', { passwordProfile: { password, forceChangePasswordNextSignIn: true } });
      assertGraphError(await create(body), 400, BAD, message);
    }
    const weak = newUser('pw.weak', {
      passwordProfile: { password: 'alllowercase' },
      passwordPolicies: 'DisablePasswordExpiration, DisableStrongPassword',
    });
    assert.equal((await create(weak)).status, 201);
  });

  test('an unknown user answers 404 Request_ResourceNotFound by UPN and by id', async () => {
    assertGraphError(
      await d.call('/v1.0/users/nobody@contoso.onmicrosoft.com'),
      404,
      'Request_ResourceNotFound',
      "Resource 'nobody@contoso.onmicrosoft.com' does not exist or one of its queried reference-property objects are not present.",
    );
    assertGraphError(
      await d.call('/v1.0/users/0e6f1a6e-9999-4999-8999-000000000009'),
      404,
      'Request_ResourceNotFound',
    );
  });

  test('$filter finds users by userPrincipalName, mail, employeeId, startswith and or', async () => {
    await create(newUser('filter.one', { employeeId: 'EMP-77', mail: 'f1@uni.example' }));
    await create(newUser('filter.two'));
    const ids = async (filter: string) => {
      const res = await d.call(`/v1.0/users?$filter=${encodeURIComponent(filter)}&$select=userPrincipalName`);
      assert.equal(res.status, 200, res.text);
      return res.body.value
        .map((u: { userPrincipalName: string }) => u.userPrincipalName.split('@')[0])
        .sort();
    };
    assert.deepEqual(await ids("userPrincipalName eq 'FILTER.ONE@contoso.onmicrosoft.com'"), ['filter.one']);
    assert.deepEqual(await ids("mail eq 'f1@uni.example'"), ['filter.one']);
    assert.deepEqual(await ids("employeeId eq 'EMP-77'"), ['filter.one']);
    assert.deepEqual(await ids("startswith(userPrincipalName,'filter.')"), ['filter.one', 'filter.two']);
    assert.deepEqual(
      await ids("userPrincipalName eq 'filter.two@contoso.onmicrosoft.com' or mail eq 'f1@uni.example'"),
      ['filter.one', 'filter.two'],
    );
    assert.deepEqual(await ids("userPrincipalName eq 'o''brien@contoso.onmicrosoft.com'"), []);
  });

  test('a filter on another property, or one it cannot read, answers 400', async () => {
    assertGraphError(
      await d.call(`/v1.0/users?$filter=${encodeURIComponent("jobTitle eq 'x'")}`),
      400,
      'Request_UnsupportedQuery',
    );
    for (const bad of [
      "userPrincipalName eq 'x' and mail eq 'y'",
      "userPrincipalName eq 'x",
      `startswith(mail,'${"'".repeat(3)}`,
    ]) {
      assertGraphError(await d.call(`/v1.0/users?$filter=${encodeURIComponent(bad)}`), 400, 'BadRequest');
    }
  });

  test('PATCH changes accountEnabled and usageLocation, refusing an invalid usageLocation and a taken UPN', async () => {
    const id = (await create(newUser('patchme'))).body.id;
    const patch = (body: unknown) => d.call(`/v1.0/users/${id}`, { method: 'PATCH', body });
    assert.equal((await patch({ accountEnabled: false, usageLocation: 'DE' })).status, 204);
    const read = await d.call(`/v1.0/users/${id}?$select=accountEnabled,usageLocation`);
    assert.deepEqual([read.body.accountEnabled, read.body.usageLocation], [false, 'DE']);
    assertGraphError(await patch({ usageLocation: 'Germany' }), 400, BAD, /usageLocation/);
    assertGraphError(
      await patch({ userPrincipalName: 'taken@contoso.onmicrosoft.com' }),
      400,
      BAD,
      /userPrincipalName already exists/,
    );
    assert.equal((await patch({ userPrincipalName: 'PatchMe@contoso.onmicrosoft.com' })).status, 204);
  });

  test('DELETE removes the user; a second DELETE answers 404', async () => {
    const id = (await create(newUser('deleteme'))).body.id;
    assert.equal((await d.call(`/v1.0/users/${id}`, { method: 'DELETE' })).status, 204);
    assertGraphError(await d.call(`/v1.0/users/${id}`), 404, 'Request_ResourceNotFound');
    assertGraphError(
      await d.call(`/v1.0/users/${id}`, { method: 'DELETE' }),
      404,
      'Request_ResourceNotFound',
    );
  });

  test('GET /domains lists the tenant domains with isVerified; GET /domains/{name} reads one', async () => {
    const res = await d.call('/v1.0/domains');
    assert.equal(res.status, 200, res.text);
    const byName = Object.fromEntries(
      res.body.value.map((x: { id: string; isVerified: boolean }) => [x.id, x.isVerified]),
    );
    assert.deepEqual(byName, {
      'contoso.onmicrosoft.com': true,
      'uni.example': true,
      'pending.example': false,
    });
    assert.equal((await d.call('/v1.0/domains/contoso.onmicrosoft.com')).body.isInitial, true);
    assertGraphError(await d.call('/v1.0/domains/nope.example'), 404, 'Request_ResourceNotFound');
  });

  test('without User.ReadWrite.All a create answers 403; without a read role so does GET /domains', async () => {
    const reader = await d.tokenWith(['User.Read.All']);
    assertGraphError(
      await create(newUser('denied'), reader),
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
    assertGraphError(
      await d.call('/v1.0/domains', {}, await d.tokenWith(['Mail.Send'])),
      403,
      'Authorization_RequestDenied',
    );
  });
});
