// The groups resource against the Graph emulator: create, get, list with $filter/$select, find by
// display name (quotes doubled), members listed, added through members/$ref and removed, a duplicate
// member and an unknown membership mapped to their codes, and hostile ids kept inside one path segment.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  addGroupMember,
  createGroup,
  createUser,
  findGroup,
  GraphError,
  getGroup,
  type Group,
  listGroupMembers,
  listGroups,
  removeGroupMember,
} from '../../../../../src/connectors/microsoft/graph/index.js';
import { graphCalls, graphFixture, newUser, staysInOneSegment } from './helpers.js';

const securityGroup = (name: string) => ({
  displayName: name,
  mailNickname: name.replace(/\W/g, '-'),
  mailEnabled: false,
  securityEnabled: true,
});

async function all<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

describe('graph resource: groups', () => {
  const t = graphFixture(['Group.ReadWrite.All', 'GroupMember.ReadWrite.All']);
  let ada = '';
  before(async () => {
    ada = (await createUser(t.graph, newUser('ada'))).id;
  });

  test('creates a group, reads it, and finds it by a display name holding a quote', async () => {
    const created = await createGroup(t.graph, securityGroup("SOC O'Brien"));
    assert.equal((await getGroup(t.graph, created.id)).displayName, "SOC O'Brien");
    assert.equal((await findGroup(t.graph, "SOC O'Brien"))?.id, created.id);
    assert.deepEqual(graphCalls(t.emu).at(-1)?.query, {
      $filter: "displayName eq 'SOC O''Brien'",
      $top: '1',
    });
    assert.equal(await findGroup(t.graph, 'No such group'), undefined);
  });

  test('lists groups page by page with $select', async () => {
    for (const n of ['A', 'B', 'C']) await createGroup(t.graph, securityGroup(`Team ${n}`));
    const pages: Group[][] = [];
    for await (const page of listGroups(t.graph, { select: ['id', 'displayName'], top: 2 })) pages.push(page);
    assert.ok(pages.length >= 2);
    assert.ok(pages.flat().some((g) => g.displayName === 'Team C'));
  });

  test('adds a member through members/$ref, lists and removes it', async () => {
    const group = await createGroup(t.graph, securityGroup('Responders'));
    await addGroupMember(t.graph, group.id, ada);
    assert.deepEqual(
      (await all(listGroupMembers(t.graph, group.id))).map((m) => [m.id, m['@odata.type']]),
      [[ada, '#microsoft.graph.user']],
    );
    await assert.rejects(addGroupMember(t.graph, group.id, ada), (e: unknown) => {
      assert.ok(e instanceof GraphError);
      assert.equal(e.status, 400);
      assert.equal(e.code, 'GSOC_GRAPH_REQUEST_REJECTED');
      return true;
    });
    await removeGroupMember(t.graph, group.id, ada);
    assert.deepEqual(await all(listGroupMembers(t.graph, group.id)), []);
    await assert.rejects(removeGroupMember(t.graph, group.id, ada), { code: 'GSOC_GRAPH_NOT_FOUND' });
  });

  test('hostile group and member ids stay inside one path segment', async () => {
    const group = await createGroup(t.graph, securityGroup('Hostile'));
    await staysInOneSegment(
      t,
      (bad) => ['groups', bad],
      (bad) => getGroup(t.graph, bad),
    );
    await staysInOneSegment(
      t,
      (bad) => ['groups', bad, 'members', '$ref'],
      (bad) => addGroupMember(t.graph, bad, ada),
    );
    await staysInOneSegment(
      t,
      (bad) => ['groups', group.id, 'members', bad, '$ref'],
      (bad) => removeGroupMember(t.graph, group.id, bad),
    );
    await staysInOneSegment(
      t,
      () => ['groups', group.id, 'members', '$ref'],
      (bad) => addGroupMember(t.graph, group.id, bad),
    );
    assert.deepEqual(await all(listGroupMembers(t.graph, group.id)), []);
  });
});
