// The Archer emulator's System controller: applications and levels with OData, field definitions
// by level, values lists flat and as a tree, unknown ids, and seeding from JSON.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ArcherTest, startArcherTest } from './archer-helpers.js';

describe('archer emulator: metadata', () => {
  let t: ArcherTest;
  let token: string;
  const get = (path: string) => t.call('GET', `/platformapi/core/system/${path}`, { token });
  before(async () => {
    t = await startArcherTest();
    token = await t.token();
  });
  after(() => t.close());

  test('lists applications as an array of envelopes with $filter eq and $select', async () => {
    const all = await get('application');
    assert.ok(Array.isArray(all.body));
    assert.deepEqual(
      all.body.map((e: { IsSuccessful: boolean }) => e.IsSuccessful),
      all.body.map(() => true),
    );
    const one = await get("application?$filter=Name eq 'Security Incidents'&$select=Id,Name");
    assert.deepEqual(one.body, [
      {
        Links: [],
        RequestedObject: { Id: 433, Name: 'Security Incidents' },
        IsSuccessful: true,
        ValidationMessages: [],
      },
    ]);
    assert.deepEqual((await get("application?$filter=Name eq 'Nope'")).body, []);
  });

  test('lists levels by module and filters levels by alias', async () => {
    const byModule = await get('level/module/433');
    assert.deepEqual(
      byModule.body.map((e: { RequestedObject: { Id: number } }) => e.RequestedObject.Id),
      [232],
    );
    const byAlias = await get("level?$filter=Alias eq 'Security_Incidents' and ModuleId eq 433&$select=Id");
    assert.deepEqual(byAlias.body[0].RequestedObject, { Id: 232 });
    assert.equal((await get("level?$filter=Name ne 'x'")).status, 400);
  });

  test('lists the field definitions of level 232 with their types and values lists', async () => {
    const res = await get('fielddefinition/level/232');
    const fields = new Map(
      res.body.map((e: { RequestedObject: { Id: number } }) => [e.RequestedObject.Id, e.RequestedObject]),
    );
    for (const id of [16132, 16109, 24188, 16172, 24194, 24203, 24189, 24196, 20741])
      assert.ok(fields.has(id));
    assert.deepEqual(
      { ...(fields.get(16132) as object), Guid: undefined },
      {
        Id: 16132,
        Name: 'Title',
        Alias: 'Title',
        Type: 1,
        LevelId: 232,
        IsRequired: true,
        RelatedValuesListId: null,
        Guid: undefined,
        IsActive: true,
        IsCalculated: false,
        IsKey: false,
      },
    );
    assert.equal((fields.get(24188) as { Type: number }).Type, 4);
    assert.equal((fields.get(20741) as { Type: number }).Type, 9);
    const single = await get('fielddefinition/24188');
    assert.equal(single.body.RequestedObject.RelatedValuesListId, 7001);
  });

  test('lists values-list values flat and as a tree', async () => {
    const flat = await get('valueslistvalue/flat/valueslist/7001');
    assert.deepEqual(
      flat.body.map((e: { RequestedObject: { Id: number; Name: string } }) => [
        e.RequestedObject.Id,
        e.RequestedObject.Name,
      ]),
      [
        [201693, 'Phishing'],
        [201694, 'Malware'],
        [201695, 'Denial of Service'],
      ],
    );
    const tree = await get('valueslistvalue/valueslist/7001');
    assert.equal(tree.body.RequestedObject.Children[0].Data.Id, 201693);
    assert.equal(tree.body.RequestedObject.Children[0].Depth, 0);
  });

  test('answers an unknown id with IsSuccessful:false "No resource found."', async () => {
    const res = await get('application/999');
    assert.equal(res.status, 200);
    assert.equal(res.body.IsSuccessful, false);
    assert.equal(res.body.ValidationMessages[0].ResourcedMessage, 'No resource found.');
  });

  test('takes more metadata from a JSON seed through the control API', async () => {
    const seed = {
      applications: [
        {
          id: 900,
          name: 'Vendors',
          levels: [
            {
              id: 901,
              name: 'Vendors',
              fields: [{ id: 902, name: 'Vendor Tier', type: 4, valuesListId: 903 }],
            },
          ],
        },
      ],
      valuesLists: [
        {
          id: 903,
          name: 'Tier',
          values: [
            { id: 904, name: 'Tier 1' },
            { id: 905, name: 'Tier 1a', parentId: 904 },
          ],
        },
      ],
    };
    const res = await t.call('POST', '/_emulator/archer/seed', { body: seed });
    assert.equal(res.status, 204);
    assert.equal((await get('level/module/900')).body[0].RequestedObject.Id, 901);
    const tree = await get('valueslistvalue/valueslist/903');
    assert.equal(tree.body.RequestedObject.Children[0].Children[0].Data.Name, 'Tier 1a');
    const bad = await t.call('POST', '/_emulator/archer/seed', { body: { applications: [{ id: 'x' }] } });
    assert.equal(bad.status, 400);
  });
});
