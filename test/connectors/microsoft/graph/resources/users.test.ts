// The users resource against the Graph emulator: get by id and by userPrincipalName with $select,
// list with $filter/$select page by page, create, update, hostile ids kept inside one path segment,
// and a duplicate create mapped to GSOC_GRAPH_REQUEST_REJECTED.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createUser,
  GraphError,
  getUser,
  listUsers,
  updateUser,
  type User,
} from '../../../../../src/connectors/microsoft/graph/index.js';
import { graphCalls, graphFixture, newUser, staysInOneSegment } from './helpers.js';

describe('graph resource: users', () => {
  const t = graphFixture([]);

  test('creates a user, reads it by id and by userPrincipalName, and updates it', async () => {
    const created = await createUser(t.graph, newUser('ada'));
    assert.equal(created.userPrincipalName, 'ada@contoso.onmicrosoft.com');
    const byUpn = await getUser(t.graph, 'ada@contoso.onmicrosoft.com', { select: ['id', 'displayName'] });
    assert.equal(byUpn.id, created.id);
    assert.equal(graphCalls(t.emu).at(-1)?.query.$select, 'id,displayName');
    await updateUser(t.graph, created.id, { displayName: 'Ada Lovelace' });
    assert.equal((await getUser(t.graph, created.id)).displayName, 'Ada Lovelace');
  });

  test('lists users page by page with $select and $top, sending $filter as given', async () => {
    t.emu.generateUsers(t.tenantId, 5);
    const pages: User[][] = [];
    for await (const page of listUsers(t.graph, { select: ['id', 'userPrincipalName'], top: 2 }))
      pages.push(page);
    assert.ok(pages.length >= 3);
    assert.ok(pages.slice(0, -1).every((p) => p.length === 2));
    assert.ok(pages.flat().every((u) => typeof u.userPrincipalName === 'string'));
    const filter = "userPrincipalName eq 'o''neil@contoso.onmicrosoft.com'";
    for await (const _ of listUsers(t.graph, { filter, top: 1 })) break;
    assert.deepEqual(graphCalls(t.emu).at(-1)?.query, { $filter: filter, $top: '1' });
  });

  test('a second user with the same userPrincipalName is GSOC_GRAPH_REQUEST_REJECTED', async () => {
    await createUser(t.graph, newUser('grace'));
    await assert.rejects(createUser(t.graph, newUser('grace')), (e: unknown) => {
      assert.ok(e instanceof GraphError);
      assert.equal(e.status, 400);
      assert.equal(e.code, 'GSOC_GRAPH_REQUEST_REJECTED');
      return true;
    });
  });

  test('hostile user ids stay inside one path segment', async () => {
    const updates = (bad: string) => updateUser(t.graph, bad, { displayName: 'x' });
    await staysInOneSegment(
      t,
      (bad) => ['users', bad],
      (bad) => getUser(t.graph, bad),
      updates,
    );
  });
});
