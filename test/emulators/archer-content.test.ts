// The Archer emulator's Content controller: a round trip per field type, invalid values dropped
// while IsSuccessful stays true (and reported in strict mode), validation failures, update, delete,
// attachments and the Content API search aid.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { type ArcherTest, startArcherTest } from './archer-helpers.js';

const title = (v: string) => ({ '16132': { Type: 1, Value: v, FieldId: 16132 } });

describe('archer emulator: content', () => {
  let t: ArcherTest;
  let token: string;
  const create = (FieldContents: Record<string, unknown>, LevelId = 232) =>
    t.call('POST', '/platformapi/core/content', { token, body: { Content: { LevelId, FieldContents } } });
  const read = async (id: number) =>
    (await t.call('GET', `/platformapi/core/content/${id}`, { token })).body.RequestedObject.FieldContents;
  before(async () => {
    t = await startArcherTest();
    token = await t.token();
  });
  afterEach(() => t.em.setStrict(false));
  after(() => t.close());

  test('stores and reads back every supported field type', async () => {
    const upload = await t.call('POST', '/platformapi/core/content/attachment', {
      token,
      body: { AttachmentName: 'report.eml', AttachmentBytes: Buffer.from('From: a@b').toString('base64') },
    });
    const attachmentId = upload.body.RequestedObject.Id as number;
    const res = await create({
      ...title('ABUSE - Invoice overdue'),
      '16109': { Type: 1, Value: '<b>De:</b> a@b<br>', FieldId: 16109 },
      '16140': { Type: 2, Value: 3, FieldId: 16140 },
      '16141': { Type: 3, Value: '10/21/1956 11:59PM', FieldId: 16141 },
      '24188': { Type: 4, Value: { ValuesListIds: [201693] }, FieldId: 24188 },
      '20741': { Type: 9, Value: [{ ContentID: 3961286 }], FieldId: 20741 },
      '16142': { Type: 11, Value: [attachmentId], FieldId: 16142 },
      '16143': { Type: 19, IpAddressBytes: '192.0.2.7', FieldId: 16143 },
    });
    assert.equal(res.body.IsSuccessful, true);
    const id = res.body.RequestedObject.Id as number;
    const f = await read(id);
    assert.deepEqual(f['16132'], { Type: 1, Value: 'ABUSE - Invoice overdue', FieldId: 16132 });
    assert.equal(f['16109'].Value, '<b>De:</b> a@b<br>');
    assert.equal(f['16140'].Value, 3);
    assert.equal(f['16141'].Value, '1956-10-21T23:59:00');
    assert.deepEqual(f['24188'].Value, { ValuesListIds: [201693], OtherText: null });
    assert.deepEqual(f['20741'].Value, [{ ContentID: 3961286 }]);
    assert.deepEqual(f['16142'].Value, [attachmentId]);
    assert.deepEqual(f['16143'], { Type: 19, IpAddressBytes: '192.0.2.7', FieldId: 16143 });
    assert.equal(f['24196'].Value, null);
    const byQuery = await t.call('POST', `/api/core/content/contentid?id=${id}`, {
      token,
      headers: { 'x-http-method-override': 'GET' },
    });
    assert.equal(byQuery.body.RequestedObject.Id, id);
  });

  test('drops invalid values silently and still answers IsSuccessful:true', async () => {
    const res = await create({
      ...title('ABUSE - dropped'),
      // The seed project's cross-reference shape, an unknown values-list id, a value of another list,
      // a bad IP, a missing attachment and a text field given a number.
      '20741': { Type: 9, Value: { ContentId: [3961286] }, FieldId: 20741 },
      '24188': { Type: 4, Value: { ValuesListIds: [999999] }, FieldId: 24188 },
      '16172': { Type: 4, Value: { ValuesListIds: [201693, 74226] }, FieldId: 16172 },
      '16143': { Type: 19, IpAddressBytes: '999.1.1.1', FieldId: 16143 },
      '16142': { Type: 11, Value: [424242], FieldId: 16142 },
      '16109': { Type: 1, Value: 42, FieldId: 16109 },
    });
    assert.equal(res.body.IsSuccessful, true);
    assert.deepEqual(res.body.ValidationMessages, []);
    const f = await read(res.body.RequestedObject.Id);
    assert.equal(f['20741'].Value, null);
    assert.equal(f['24188'].Value, null);
    assert.deepEqual(f['16172'].Value.ValuesListIds, [74226]);
    assert.equal(f['16143'].IpAddressBytes, null);
    assert.equal(f['16142'].Value, null);
    assert.equal(f['16109'].Value, null);
  });

  test('reports the same values as validation messages in strict mode', async () => {
    t.em.setStrict(true);
    const res = await create({ ...title('x'), '20741': { Type: 9, Value: { ContentId: [3961286] } } });
    assert.equal(res.body.IsSuccessful, false);
    assert.match(res.body.ValidationMessages[0].ResourcedMessage, /Related Device/);
  });

  test('refuses an unknown level, a field of another level, a wrong Type and a missing required field', async () => {
    const cases = [
      await create(title('x'), 999),
      await create({ ...title('x'), '1810': { Type: 1, Value: 'device' } }),
      await create({ '16132': { Type: 4, Value: 'x' } }),
      await create({ '16109': { Type: 1, Value: 'no title' } }),
    ];
    for (const res of cases) {
      assert.equal(res.status, 200);
      assert.equal(res.body.IsSuccessful, false);
      assert.equal(res.body.RequestedObject, null);
    }
    assert.equal(
      cases[3]?.body.ValidationMessages[0].ResourcedMessage,
      'The Title field is a required field.',
    );
  });

  test('updates only the fields sent, and deletes', async () => {
    const id = (await create({ ...title('before'), '16140': { Type: 2, Value: 1 } })).body.RequestedObject.Id;
    const put = await t.call('PUT', '/platformapi/core/content', {
      token,
      body: {
        Content: { Id: id, LevelId: 232, FieldContents: { '16140': { Type: 2, Value: 2, FieldId: 16140 } } },
      },
    });
    assert.equal(put.body.IsSuccessful, true);
    const f = await read(id);
    assert.equal(f['16132'].Value, 'before');
    assert.equal(f['16140'].Value, 2);
    const missing = await t.call('PUT', '/platformapi/core/content', {
      token,
      body: { Content: { Id: 1, LevelId: 232, FieldContents: {} } },
    });
    assert.equal(missing.body.ValidationMessages[0].ResourcedMessage, 'No resource found.');
    assert.equal(
      (await t.call('DELETE', `/platformapi/core/content/${id}`, { token })).body.IsSuccessful,
      true,
    );
    const gone = await t.call('GET', `/platformapi/core/content/${id}`, { token });
    assert.equal(gone.body.IsSuccessful, false);
    assert.equal(gone.body.ValidationMessages[0].ResourcedMessage, 'No resource found.');
  });

  test('stores attachments as base64 and refuses bytes that are not', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252]).toString('base64');
    const up = await t.call('POST', '/api/core/content/attachment', {
      token,
      body: { AttachmentName: 'x.bin', AttachmentBytes: bytes, IsSensitive: false },
    });
    const got = await t.call('GET', `/api/core/content/attachment/${up.body.RequestedObject.Id}`, { token });
    assert.deepEqual(got.body.RequestedObject, { AttachmentName: 'x.bin', AttachmentBytes: bytes });
    const bad = await t.call('POST', '/api/core/content/attachment', {
      token,
      body: { AttachmentName: 'x.bin', AttachmentBytes: 'not base64!' },
    });
    assert.equal(bad.body.IsSuccessful, false);
  });

  test('finds records by a text field through the Content API', async () => {
    const id = (await create({ ...title('ABUSE - find me'), '16144': { Type: 1, Value: "<id'1@x>" } })).body
      .RequestedObject.Id;
    const res = await t.call(
      'GET',
      `/contentapi/Security_Incidents?$filter=${encodeURIComponent("Message_ID eq '<id''1@x>'")}&$select=Security_Incidents_Id`,
      { token },
    );
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.value, [{ Security_Incidents_Id: id }]);
    const unknown = await t.call(
      'GET',
      `/contentapi/Security_Incidents?$filter=${encodeURIComponent("Nope eq 'x'")}`,
      {
        token,
      },
    );
    assert.equal(unknown.status, 400);
    assert.equal((await t.call('GET', '/contentapi/Security_Incidents')).status, 401);
  });
});
