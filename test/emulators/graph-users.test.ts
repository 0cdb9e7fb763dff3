// Behaviour of the emulated Graph /users: paging, $select, lookups, writes and delta queries.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { graph, secretToken, startTestEmulator, TENANT, type TestEmulator, type Json } from './helpers.js';

describe('Graph emulator users', () => {
  let t: TestEmulator;
  let token: string;

  before(async () => {
    t = await startTestEmulator();
    t.em.generateUsers(TENANT, 230);
    t.em.seedUsers([
      {
        tenantId: TENANT,
        id: '0e6f1a6e-1111-4111-8111-000000000001',
        displayName: 'Grace Hopper',
        userPrincipalName: 'grace@contoso.onmicrosoft.com',
        department: 'Navy',
      },
    ]);
    token = await secretToken(t);
  });
  after(async () => t.close());

  async function pageThrough(first: string): Promise<{ items: Json[]; pages: number; last: Json }> {
    const items = [];
    let url: string | undefined = first;
    let pages = 0;
    let last: Json;
    while (url) {
      const res = await graph(t, token, url);
      assert.equal(res.status, 200, res.text);
      pages += 1;
      items.push(...res.body.value);
      last = res.body;
      url = res.body['@odata.nextLink'];
    }
    return { items, pages, last };
  }

  test('listing follows @odata.nextLink with an opaque $skiptoken across pages', async () => {
    const first = await graph(t, token, '/v1.0/users?$top=100');
    assert.equal(first.body.value.length, 100);
    assert.match(first.body['@odata.context'], /\$metadata#users$/);
    const next = new URL(first.body['@odata.nextLink']);
    assert.equal(next.origin, t.em.graphUrl);
    assert.ok(next.searchParams.get('$skiptoken'));
    const { items, pages } = await pageThrough('/v1.0/users?$top=100');
    assert.equal(pages, 3);
    assert.equal(items.length, 231);
    assert.equal(new Set(items.map((u) => u.id)).size, 231);
  });

  test('the default page size is 100 and $top above 999 is refused', async () => {
    assert.equal((await graph(t, token, '/v1.0/users')).body.value.length, 100);
    const res = await graph(t, token, '/v1.0/users?$top=1000');
    assert.equal(res.status, 400);
  });

  test('$select returns only the chosen properties, carried into nextLink', async () => {
    const res = await graph(t, token, '/v1.0/users?$top=2&$select=id,displayName,accountEnabled');
    assert.deepEqual(Object.keys(res.body.value[0]).sort(), ['accountEnabled', 'displayName', 'id']);
    assert.match(res.body['@odata.context'], /#users\(id,displayName,accountEnabled\)$/);
    const next = await graph(t, token, res.body['@odata.nextLink']);
    assert.deepEqual(Object.keys(next.body.value[0]).sort(), ['accountEnabled', 'displayName', 'id']);
    const bad = await graph(t, token, '/v1.0/users?$select=nope');
    assert.equal(bad.status, 400);
  });

  test('a user is found by id or by userPrincipalName', async () => {
    const byUpn = await graph(t, token, '/v1.0/users/grace@contoso.onmicrosoft.com?$select=department');
    assert.equal(byUpn.status, 200);
    assert.equal(byUpn.body.department, 'Navy');
    const byId = await graph(t, token, `/v1.0/users/${byUpn.body.id}`);
    assert.equal(byId.body.displayName, 'Grace Hopper');
    const synthetic = await graph(t, token, '/v1.0/users/user7@contoso.onmicrosoft.com');
    assert.equal(synthetic.body.displayName, 'User 7');
  });

  test('an unknown user answers 404 Request_ResourceNotFound', async () => {
    const res = await graph(t, token, '/v1.0/users/nobody@contoso.onmicrosoft.com');
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'Request_ResourceNotFound');
  });

  test('delta: initial pages end in a deltaLink that later returns only changes', async () => {
    const initial = await pageThrough('/v1.0/users/delta?$select=displayName,department');
    assert.ok(initial.pages >= 2);
    assert.equal(initial.items.length, 231);
    const deltaLink: string = initial.last['@odata.deltaLink'];
    assert.match(deltaLink, /\/v1\.0\/users\/delta\?\$deltatoken=/);

    const unchanged = await graph(t, token, deltaLink);
    assert.deepEqual(unchanged.body.value, []);

    const created = await graph(t, token, '/v1.0/users', {
      method: 'POST',
      body: {
        accountEnabled: true,
        displayName: 'Linus',
        mailNickname: 'linus',
        userPrincipalName: 'linus@contoso.onmicrosoft.com',
        passwordProfile: { password: 'Xy!9-not-a-real-one' },
      },
    });
    assert.equal(created.status, 201);
    assert.equal(
      (
        await graph(t, token, '/v1.0/users/grace@contoso.onmicrosoft.com', {
          method: 'PATCH',
          body: { department: 'Research' },
        })
      ).status,
      204,
    );
    const victim = (await graph(t, token, '/v1.0/users/user3@contoso.onmicrosoft.com')).body.id;
    assert.equal((await graph(t, token, `/v1.0/users/${victim}`, { method: 'DELETE' })).status, 204);

    const changes = await pageThrough(deltaLink);
    const byId = new Map(changes.items.map((u) => [u.id, u]));
    assert.equal(changes.items.length, 3);
    assert.equal(byId.get(created.body.id)?.displayName, 'Linus');
    assert.equal(byId.get('0e6f1a6e-1111-4111-8111-000000000001')?.department, 'Research');
    assert.deepEqual(byId.get(victim)?.['@removed'], { reason: 'changed' });
    assert.equal(
      Object.hasOwn(byId.get(created.body.id) ?? {}, 'department'),
      true,
      'selection carried by the deltaLink',
    );

    const again = await graph(t, token, changes.last['@odata.deltaLink']);
    assert.deepEqual(again.body.value, []);
  });

  test('delta with $deltatoken=latest returns no users and a deltaLink for future changes', async () => {
    const latest = await graph(t, token, '/v1.0/users/delta?$deltatoken=latest');
    assert.deepEqual(latest.body.value, []);
    t.em.seedUsers([
      { tenantId: TENANT, displayName: 'Late', userPrincipalName: 'late@contoso.onmicrosoft.com' },
    ]);
    const next = await graph(t, token, latest.body['@odata.deltaLink']);
    assert.deepEqual(
      next.body.value.map((u: { displayName: string }) => u.displayName),
      ['Late'],
    );
  });

  test('a forged delta token answers 400', async () => {
    const res = await graph(t, token, '/v1.0/users/delta?$deltatoken=garbage');
    assert.equal(res.status, 400);
  });

  test('100,000 synthetic users are generated quickly and cheaply, and page by 999', async () => {
    const other = '9a8b7c6d-0000-4000-8000-00000000beef';
    t.em.addTenant({ id: other, displayName: 'Big', domains: ['big.onmicrosoft.com'] });
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    t.em.generateUsers(other, 100_000);
    assert.ok(performance.now() - started < 100, 'generation is lazy');
    assert.ok(process.memoryUsage().heapUsed - heapBefore < 20 * 1024 * 1024);
    const bigToken = await t.em.issueAccessToken({
      tenantId: other,
      clientId: '0b0b0b0b-0000-4000-8000-000000000001',
      roles: ['User.Read.All'],
    });
    const res = await graph(t, bigToken, '/v1.0/users?$top=999&$select=id');
    assert.equal(res.body.value.length, 999);
    const last = await graph(t, bigToken, '/v1.0/users/user99999@big.onmicrosoft.com');
    assert.equal(last.body.displayName, 'User 99999');
  });
});
