// POST /groups and the members and owners references of the directory emulator over real HTTPS:
// Microsoft 365 and security groups, the mailNickname rules, owners and members bound at creation, the
// documented 400 on a duplicate reference, removal, listing, and the 403 without Group.ReadWrite.All.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TENANT } from './helpers.js';
import {
  assertGraphError,
  type DirectoryFixture,
  newUser,
  ref,
  startDirectory,
} from './directory-fixtures.js';

describe('directory emulator: groups, members and owners', () => {
  let d: DirectoryFixture;
  let ada = '';
  let bob = '';
  const create = (body: unknown, as?: string) => d.call('/v1.0/groups', { method: 'POST', body }, as);
  const unified = (nick: string, extra: Record<string, unknown> = {}) => ({
    displayName: `Team ${nick}`,
    mailNickname: nick,
    mailEnabled: true,
    securityEnabled: false,
    groupTypes: ['Unified'],
    ...extra,
  });
  const userIds = async (path: string) =>
    (await d.call(path)).body.value.map((u: { id: string }) => u.id) as string[];

  before(async () => {
    d = await startDirectory();
    ada = (await d.call('/v1.0/users', { method: 'POST', body: newUser('ada') })).body.id;
    bob = (await d.call('/v1.0/users', { method: 'POST', body: newUser('bob') })).body.id;
  });
  after(async () => d.close());

  test('a Microsoft 365 group gets its mail from mailNickname; a security group has none', async () => {
    const m365 = await create(unified('chem-101'));
    assert.equal(m365.status, 201, m365.text);
    assert.equal(m365.body.mail, 'chem-101@contoso.onmicrosoft.com');
    assert.deepEqual(m365.body.groupTypes, ['Unified']);
    const sec = await create({
      displayName: 'Lab access',
      mailNickname: 'lab-access',
      mailEnabled: false,
      securityEnabled: true,
    });
    assert.equal(sec.status, 201, sec.text);
    assert.equal(sec.body.mail, null);
  });

  test('a second Microsoft 365 group with the same mailNickname is refused, in any case', async () => {
    assert.equal((await create(unified('dup-nick'))).status, 201);
    assertGraphError(
      await create(unified('DUP-NICK')),
      400,
      'Request_BadRequest',
      'Another object with the same value for property mailNickname already exists.',
    );
  });

  test('an invalid mailNickname or a mail-enabled security group is refused', async () => {
    for (const nick of ['with space', 'a@b', 'semi;colon', 'x'.repeat(65), 'ümlaut']) {
      assertGraphError(
        await create(unified(nick)),
        400,
        'Request_BadRequest',
        "Invalid value specified for property 'mailNickname' of resource 'Group'.",
      );
    }
    assertGraphError(
      await create({ displayName: 'x', mailNickname: 'x', mailEnabled: true, securityEnabled: true }),
      400,
      'Request_BadRequest',
      /mail-enabled groups/,
    );
  });

  test('owners and members bound at creation are listed; an unknown one fails the create', async () => {
    const res = await create(
      unified('bound', {
        'owners@odata.bind': [`https://graph.microsoft.com/v1.0/users/${ada}`],
        'members@odata.bind': [
          `https://graph.microsoft.com/v1.0/users/${ada}`,
          `https://graph.microsoft.com/v1.0/users/${bob}`,
        ],
      }),
    );
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(await userIds(`/v1.0/groups/${res.body.id}/owners`), [ada]);
    assert.deepEqual(await userIds(`/v1.0/groups/${res.body.id}/members`), [ada, bob]);
    const bad = await create(
      unified('bad-bind', {
        'owners@odata.bind': ['https://graph.microsoft.com/v1.0/users/0e6f1a6e-9999-4999-8999-000000000009'],
      }),
    );
    assertGraphError(bad, 404, 'Request_ResourceNotFound');
    assert.equal(
      d.em.directoryGroups(TENANT).some((g) => g.mailNickname === 'bad-bind'),
      false,
    );
  });

  test('members and owners are added by $ref, a duplicate answers the documented 400, and they are removed', async () => {
    const id = (await create(unified('refs'))).body.id;
    for (const relation of ['members', 'owners']) {
      const post = () => d.call(`/v1.0/groups/${id}/${relation}/$ref`, { method: 'POST', body: ref(bob) });
      assert.equal((await post()).status, 204);
      assertGraphError(
        await post(),
        400,
        'Request_BadRequest',
        `One or more added object references already exist for the following modified properties: '${relation}'.`,
      );
      assert.deepEqual(await userIds(`/v1.0/groups/${id}/${relation}`), [bob]);
      assert.equal(
        (await d.call(`/v1.0/groups/${id}/${relation}/${bob}/$ref`, { method: 'DELETE' })).status,
        204,
      );
      assertGraphError(
        await d.call(`/v1.0/groups/${id}/${relation}/${bob}/$ref`, { method: 'DELETE' }),
        404,
        'Request_ResourceNotFound',
      );
    }
    assertGraphError(
      await d.call('/v1.0/groups/0e6f1a6e-9999-4999-8999-000000000009/owners/$ref', {
        method: 'POST',
        body: ref(bob),
      }),
      404,
      'Request_ResourceNotFound',
    );
  });

  test('the handle reads groups back with their members and owners', async () => {
    const id = (
      await create(
        unified('readback', { 'owners@odata.bind': [`https://graph.microsoft.com/v1.0/users/${bob}`] }),
      )
    ).body.id;
    const group = d.em.directoryGroups(TENANT).find((g) => g.id === id);
    assert.deepEqual([group?.owners, group?.members], [[bob], []]);
  });

  test('without Group.ReadWrite.All owners cannot be added and groups cannot be created', async () => {
    const id = (await create(unified('perm'))).body.id;
    const memberWriter = await d.tokenWith(['GroupMember.ReadWrite.All']);
    assertGraphError(
      await d.call(`/v1.0/groups/${id}/owners/$ref`, { method: 'POST', body: ref(ada) }, memberWriter),
      403,
      'Authorization_RequestDenied',
    );
    assert.equal(
      (await d.call(`/v1.0/groups/${id}/members/$ref`, { method: 'POST', body: ref(ada) }, memberWriter))
        .status,
      204,
    );
    assertGraphError(
      await create(unified('perm2'), await d.tokenWith(['User.ReadWrite.All'])),
      403,
      'Authorization_RequestDenied',
    );
  });
});
