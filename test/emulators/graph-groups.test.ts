// Behaviour of the emulated Graph /groups over real HTTPS: create, get, list with $filter, $select and
// paging, members by reference, the documented permissions and error bodies, and seeding.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEntraGraphEmulator } from '../../emulators/microsoft/index.js';
import { CLIENT, graph, http, type Json, TENANT, type TestEmulator, startTestEmulator } from './helpers.js';

const GRACE = '0e6f1a6e-1111-4111-8111-000000000001';
const ADA = '0e6f1a6e-1111-4111-8111-000000000002';
const GRACE_UPN = 'grace@contoso.onmicrosoft.com';
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });

function assertGraphError(res: Json, status: number, code: string, message?: RegExp): void {
  assert.equal(res.status, status, res.text);
  assert.equal(res.body.error.code, code);
  if (message) assert.match(res.body.error.message, message);
  assert.equal(res.body.error.innerError['request-id'], res.headers['request-id']);
}

describe('Graph emulator groups', () => {
  let t: TestEmulator;
  let token: string;
  const tokenWith = (roles: string[]) => t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT, roles });
  const create = (body: unknown, as = token) => graph(t, as, '/v1.0/groups', { method: 'POST', body });
  const addMember = (groupId: string, body: unknown, as = token) =>
    graph(t, as, `/v1.0/groups/${groupId}/members/$ref`, { method: 'POST', body });
  const security = (name: string) => ({
    displayName: name,
    mailNickname: name.replaceAll(' ', '-'),
    mailEnabled: false,
    securityEnabled: true,
  });

  before(async () => {
    t = await startTestEmulator();
    token = await tokenWith(['Group.ReadWrite.All', 'GroupMember.ReadWrite.All']);
  });
  after(async () => t.close());
  beforeEach(() => {
    t.em.reset();
    t.em.addTenant({ id: TENANT, displayName: 'Contoso', domains: ['contoso.onmicrosoft.com'] });
    t.em.seedUsers([
      { tenantId: TENANT, id: GRACE, displayName: 'Grace Hopper', userPrincipalName: GRACE_UPN },
      {
        tenantId: TENANT,
        id: ADA,
        displayName: 'Ada Lovelace',
        userPrincipalName: 'ada@contoso.onmicrosoft.com',
      },
    ]);
  });

  test('creates a security group and a Microsoft 365 group, answering 201 with the group', async () => {
    const sec = await create(security('SOC Analysts'));
    assert.equal(sec.status, 201, sec.text);
    assert.match(sec.body['@odata.context'], /\$metadata#groups\/\$entity$/);
    assert.equal(sec.body.displayName, 'SOC Analysts');
    assert.deepEqual(sec.body.groupTypes, []);
    assert.equal(sec.body.mail, null);
    assert.match(sec.headers.location ?? '', new RegExp(`/directoryObjects/${sec.body.id}/`));

    const m365 = await create({
      displayName: 'Incident Room',
      mailNickname: 'incident-room',
      mailEnabled: true,
      securityEnabled: false,
      groupTypes: ['Unified'],
    });
    assert.equal(m365.status, 201, m365.text);
    assert.equal(m365.body.mail, 'incident-room@contoso.onmicrosoft.com');
    assert.deepEqual(m365.body.groupTypes, ['Unified']);

    const got = await graph(t, token, `/v1.0/groups/${m365.body.id}?$select=displayName,mail`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.displayName, 'Incident Room');
    assert.deepEqual(Object.keys(got.body).sort(), ['@odata.context', 'displayName', 'id', 'mail']);
  });

  test('a missing required property is 400 Request_BadRequest naming it', async () => {
    for (const missing of ['displayName', 'mailNickname', 'mailEnabled', 'securityEnabled']) {
      const body: Record<string, unknown> = { ...security('Ops') };
      delete body[missing];
      const res = await create(body);
      assertGraphError(
        res,
        400,
        'Request_BadRequest',
        new RegExp(`A value is required for property '${missing}' of resource 'Group'`),
      );
    }
    assertGraphError(
      await create({ ...security('Ops'), mailNickname: 'has space' }),
      400,
      'Request_BadRequest',
    );
    assertGraphError(await create('not an object'), 400, 'Request_BadRequest');
  });

  test('a mail-enabled security group and a repeated Microsoft 365 alias are refused', async () => {
    const dl = await create({ ...security('Distribution'), mailEnabled: true });
    assertGraphError(dl, 400, 'Request_BadRequest', /mail-enabled groups/);
    const m365 = { ...security('Team'), mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] };
    assert.equal((await create(m365)).status, 201);
    assertGraphError(await create(m365), 400, 'Request_BadRequest', /mailNickname already exists/);
  });

  test('an unknown group is 404 Request_ResourceNotFound', async () => {
    const id = 'f0000000-0000-4000-8000-000000000000';
    assertGraphError(await graph(t, token, `/v1.0/groups/${id}`), 404, 'Request_ResourceNotFound');
    assertGraphError(await graph(t, token, `/v1.0/groups/${id}/members`), 404, 'Request_ResourceNotFound');
    assertGraphError(await addMember(id, ref(GRACE)), 404, 'Request_ResourceNotFound');
  });

  test('$filter finds groups by displayName or mailNickname; other filters are refused', async () => {
    await create(security("O'Brien Team"));
    await create(security('Blue Team'));
    const byName = await graph(
      t,
      token,
      `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'o''brien team'")}`,
    );
    assert.equal(byName.status, 200, byName.text);
    assert.deepEqual(
      byName.body.value.map((g: Json) => g.displayName),
      ["O'Brien Team"],
    );
    const byNick = await graph(
      t,
      token,
      `/v1.0/groups?$filter=${encodeURIComponent("mailNickname eq 'Blue-Team'")}`,
    );
    assert.deepEqual(
      byNick.body.value.map((g: Json) => g.displayName),
      ['Blue Team'],
    );
    const other = await graph(t, token, `/v1.0/groups?$filter=${encodeURIComponent("description eq 'x'")}`);
    assertGraphError(other, 400, 'Request_UnsupportedQuery', /property 'description' of resource 'Group'/);
    const malformed = await graph(
      t,
      token,
      `/v1.0/groups?$filter=${encodeURIComponent("startswith(displayName,'B')")}`,
    );
    assertGraphError(malformed, 400, 'BadRequest');
  });

  test('listing pages with $top and an @odata.nextLink that keeps $select and $filter', async () => {
    t.em.seedGroups(
      Array.from({ length: 5 }, (_, i) => ({
        tenantId: TENANT,
        ...security(`Team ${i}`),
        description: 'red',
      })),
    );
    t.em.seedGroups([{ tenantId: TENANT, ...security('Other') }]);
    const all: Json[] = [];
    let url: string | undefined = '/v1.0/groups?$top=2&$select=displayName';
    let pages = 0;
    while (url) {
      const res = await graph(t, token, url);
      assert.equal(res.status, 200, res.text);
      all.push(...res.body.value);
      url = res.body['@odata.nextLink'];
      pages += 1;
    }
    assert.equal(pages, 3);
    assert.equal(all.length, 6);
    assert.deepEqual(Object.keys(all[0]).sort(), ['displayName', 'id']);

    const filter = encodeURIComponent("displayName eq 'Team 3'");
    const one = await graph(t, token, `/v1.0/groups?$top=1&$filter=${filter}`);
    assert.equal(one.body.value.length, 1);
    assert.equal(one.body['@odata.nextLink'], undefined);
    const first = await graph(
      t,
      token,
      `/v1.0/groups?$top=1&$filter=${encodeURIComponent("mailNickname eq 'Team-1'")}`,
    );
    assert.equal(first.body.value[0].displayName, 'Team 1');
    assertGraphError(await graph(t, token, '/v1.0/groups?$select=nope'), 400, 'Request_BadRequest');
    assertGraphError(await graph(t, token, '/v1.0/groups?$top=1000'), 400, 'Request_UnsupportedQuery');
  });

  test('members are added by reference, listed as users and removed', async () => {
    const group = (await create(security('Responders'))).body;
    assert.equal((await addMember(group.id, ref(GRACE))).status, 204);
    assert.equal((await addMember(group.id, ref(ADA))).status, 204);
    const again = await addMember(group.id, ref(GRACE));
    assertGraphError(again, 400, 'Request_BadRequest', /One or more added object references already exist/);
    const unknownUser = await addMember(group.id, ref('f0000000-0000-4000-8000-0000000000ff'));
    assertGraphError(unknownUser, 404, 'Request_ResourceNotFound');
    assertGraphError(await addMember(group.id, { id: GRACE }), 400, 'Request_BadRequest');

    const members = await graph(t, token, `/v1.0/groups/${group.id}/members`);
    assert.equal(members.status, 200, members.text);
    assert.match(members.body['@odata.context'], /\$metadata#directoryObjects$/);
    assert.deepEqual(
      members.body.value.map((m: Json) => [m['@odata.type'], m.displayName]),
      [
        ['#microsoft.graph.user', 'Grace Hopper'],
        ['#microsoft.graph.user', 'Ada Lovelace'],
      ],
    );
    const paged = await graph(t, token, `/v1.0/groups/${group.id}/members?$top=1&$select=userPrincipalName`);
    assert.deepEqual(Object.keys(paged.body.value[0]).sort(), ['@odata.type', 'id', 'userPrincipalName']);
    const rest = await graph(t, token, paged.body['@odata.nextLink']);
    assert.equal(rest.body.value[0].id, ADA);

    const remove = () =>
      graph(t, token, `/v1.0/groups/${group.id}/members/${GRACE}/$ref`, { method: 'DELETE' });
    assert.equal((await remove()).status, 204);
    assertGraphError(await remove(), 404, 'Request_ResourceNotFound');
    const left = await graph(t, token, `/v1.0/groups/${group.id}/members`);
    assert.deepEqual(
      left.body.value.map((m: Json) => m.id),
      [ADA],
    );
  });

  test('each operation needs its documented application permission', async () => {
    const group = (await create(security('Hunters'))).body;
    const reader = await tokenWith(['Group.Read.All']);
    const memberReader = await tokenWith(['GroupMember.Read.All']);
    const memberWriter = await tokenWith(['GroupMember.ReadWrite.All']);
    const users = await tokenWith(['User.Read.All']);
    assert.equal((await graph(t, reader, '/v1.0/groups')).status, 200);
    assert.equal((await graph(t, memberReader, `/v1.0/groups/${group.id}/members`)).status, 200);
    assertGraphError(await graph(t, users, '/v1.0/groups'), 403, 'Authorization_RequestDenied');
    assertGraphError(await create(security('No'), reader), 403, 'Authorization_RequestDenied');
    assertGraphError(await create(security('No'), memberWriter), 403, 'Authorization_RequestDenied');
    assertGraphError(await addMember(group.id, ref(GRACE), reader), 403, 'Authorization_RequestDenied');
    assert.equal((await addMember(group.id, ref(GRACE), memberWriter)).status, 204);
    assert.equal((await create(security('Yes'), await tokenWith(['Group.Create']))).status, 201);
  });

  test('groups and their members are seeded through the control API', async () => {
    const res = await http(t.agent, `${t.em.graphUrl}/_emulator/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        groups: [{ tenantId: TENANT, ...security('Seeded'), members: [GRACE_UPN, ADA] }],
      }),
    });
    assert.equal(res.status, 204, res.text);
    const found = await graph(
      t,
      token,
      `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Seeded'")}`,
    );
    const members = await graph(t, token, `/v1.0/groups/${found.body.value[0].id}/members`);
    assert.deepEqual(
      members.body.value.map((m: Json) => m.id),
      [GRACE, ADA],
    );
    const bad = await http(t.agent, `${t.em.graphUrl}/_emulator/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        groups: [{ tenantId: TENANT, ...security('Bad'), members: ['nobody@x.test'] }],
      }),
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /unknown user/);
  });
});

test('groups.json in a seed directory is loaded at start', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eg-groups-'));
  const write = (name: string, value: unknown) => writeFileSync(join(dir, name), JSON.stringify(value));
  write('tenants.json', [{ id: TENANT, displayName: 'Contoso', domains: ['contoso.onmicrosoft.com'] }]);
  write('apps.json', [{ tenantId: TENANT, clientId: CLIENT, roles: { graph: ['Group.Read.All'] } }]);
  write('users.json', [{ id: GRACE, displayName: 'Grace Hopper', userPrincipalName: GRACE_UPN }]);
  write('groups.json', {
    value: [
      {
        id: 'a0000000-0000-4000-8000-000000000001',
        displayName: 'From file',
        mailNickname: 'from-file',
        mailEnabled: false,
        securityEnabled: true,
        members: [GRACE],
      },
    ],
  });
  const em = await startEntraGraphEmulator({ seedDir: dir });
  const t: TestEmulator = {
    em,
    agent: new (await import('undici')).Agent({ connect: { ca: em.caPem } }),
    close: async () => {
      await t.agent.close();
      await em.close();
    },
  };
  try {
    const token = await em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
    const group = await graph(t, token, '/v1.0/groups/a0000000-0000-4000-8000-000000000001');
    assert.equal(group.status, 200, group.text);
    assert.equal(group.body.displayName, 'From file');
    const members = await graph(t, token, '/v1.0/groups/a0000000-0000-4000-8000-000000000001/members');
    assert.deepEqual(
      members.body.value.map((m: Json) => m.id),
      [GRACE],
    );
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
