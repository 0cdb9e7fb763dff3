// Archer records by name against the emulator: create with the seed project's fields, read back,
// update, attach a file, find by a text field; unknown names list the known ones; Archer's
// IsSuccessful:false arrives as a typed error with its ValidationMessages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ArcherEmulator, DEVICE_RECORD, startArcherEmulator } from '../../../emulators/archer/index.js';
import {
  type ArcherClient,
  ArcherMetadata,
  ArcherUnknownNameError,
  ArcherValidationError,
  ArcherValueError,
  attachFile,
  createRecord,
  findRecordIds,
  getAttachment,
  getContent,
  readRecord,
  type RecordTarget,
  updateRecord,
} from '../../../src/connectors/archer/index.js';
import { clientFor, count } from './helpers.js';

const INCIDENT = {
  Title: 'ABUSE - Your invoice is overdue',
  'Incident Description': '<b>De:</b> billing@evil.example<br>',
  'Incident Category': 'Phishing',
  Source: 'E-mail',
  'Criticality SOC': 'Low',
  'SIEM Name': 'Not applicable',
  'Other Incident Related?': 'No',
  'Impact to Business': 'None',
  'Related Device': { contentIds: [DEVICE_RECORD] },
};

describe('archer connector: records', () => {
  let em: ArcherEmulator;
  let client: ArcherClient;
  let t: RecordTarget;
  before(async () => {
    em = await startArcherEmulator();
    client = clientFor(em);
    t = { meta: new ArcherMetadata(client), application: 'Security Incidents' };
  });
  after(async () => {
    await client.close();
    await em.close();
  });

  test('creates a Security Incident with the seed ids and reads it back by name', async () => {
    const id = await createRecord(client, t, {
      ...INCIDENT,
      'Reports Received': 2,
      'Date Reported': new Date('2026-11-29T16:05:00Z'),
      'Sender IP': '198.51.100.9',
    });
    const raw = await getContent(client, id);
    assert.equal(raw.LevelId, 232);
    assert.equal(raw.FieldContents['16132']?.Value, INCIDENT.Title);
    const ids = (f: string) =>
      (raw.FieldContents[f]?.Value as { ValuesListIds: number[] } | undefined)?.ValuesListIds ?? [];
    assert.deepEqual(
      ['24188', '16172', '24194', '24203', '24189', '24196'].map((f) => ids(f)[0]),
      [201693, 74226, 201705, 282324, 201697, 201713],
    );
    assert.deepEqual(raw.FieldContents['20741']?.Value, [{ ContentID: DEVICE_RECORD }]);
    const rec = await readRecord(client, t, id);
    assert.equal(rec.Title, INCIDENT.Title);
    assert.deepEqual(rec['Incident Category'], ['Phishing']);
    assert.deepEqual(rec['Related Device'], [DEVICE_RECORD]);
    assert.equal(rec['Reports Received'], 2);
    assert.equal(rec['Date Reported'], '2026-11-29T16:05:00');
    assert.equal(rec['Sender IP'], '198.51.100.9');
  });

  test('caches metadata: a second record costs no metadata requests', async () => {
    em.clearRequests();
    await createRecord(client, t, { Title: 'ABUSE - again' });
    assert.equal(count(em, '/security/login'), 0);
    assert.deepEqual(
      em.requests().map((e) => e.path),
      ['/platformapi/core/content'],
    );
  });

  test('updates only the given fields', async () => {
    const id = await createRecord(client, t, { Title: 'ABUSE - update me', 'Reports Received': 1 });
    await updateRecord(client, t, id, { 'Reports Received': 5, 'Criticality SOC': 'High' });
    const rec = await readRecord(client, t, id);
    assert.equal(rec.Title, 'ABUSE - update me');
    assert.equal(rec['Reports Received'], 5);
    assert.deepEqual(rec['Criticality SOC'], ['High']);
  });

  test('attaches files to the Evidence field, keeping the earlier ones', async () => {
    const id = await createRecord(client, t, { Title: 'ABUSE - with evidence' });
    const eml = Buffer.from('From: a@evil.example\r\nSubject: hi\r\n\r\nbody');
    const first = await attachFile(client, t, id, 'Evidence', { name: 'report.eml', bytes: eml });
    const second = await attachFile(client, t, id, 'Evidence', {
      name: 'b.txt',
      bytes: Buffer.from([0, 255]),
    });
    assert.deepEqual((await readRecord(client, t, id)).Evidence, [first, second]);
    const back = await getAttachment(client, first);
    assert.equal(back.name, 'report.eml');
    assert.deepEqual(back.bytes, eml);
    await assert.rejects(
      attachFile(client, t, id, 'Title', { name: 'x', bytes: eml }),
      (e: unknown) => e instanceof ArcherValueError,
    );
  });

  test('finds a record again by a text field value, quotes included', async () => {
    const key = "<campaign'42@graphsoc>";
    const id = await createRecord(client, t, { Title: 'ABUSE - findable', 'Message ID': key });
    assert.deepEqual(await findRecordIds(client, t, 'Message ID', key), [id]);
    assert.deepEqual(await findRecordIds(client, t, 'Message ID', 'no such key'), []);
  });

  test('lists the known names when an application, field or value does not exist', async () => {
    const cases: Array<[Promise<unknown>, RegExp]> = [
      [
        createRecord(client, { ...t, application: 'Incidents' }, { Title: 'x' }),
        /"Security Incidents", "Devices"/,
      ],
      [createRecord(client, t, { Titel: 'x' }), /field "Titel".*"Title".*"Incident Description"/],
      [createRecord(client, t, { Title: 'x', Source: 'Email' }), /value "Email".*"E-mail", "SIEM", "Phone"/],
      [createRecord(client, { ...t, level: 'Nope' }, { Title: 'x' }), /level "Nope".*"Security Incidents"/],
    ];
    for (const [p, re] of cases) {
      await assert.rejects(p, (e: unknown) => {
        assert.ok(e instanceof ArcherUnknownNameError);
        assert.equal(e.code, 'GSOC_ARCHER_UNKNOWN_NAME');
        assert.match(e.message, re);
        return true;
      });
    }
  });

  test('refuses values that Archer would drop silently before sending them', async () => {
    em.clearRequests();
    await assert.rejects(createRecord(client, t, { Title: 'x', 'Sender IP': '999.1.1.1' }), ArcherValueError);
    await assert.rejects(createRecord(client, t, { Title: 42 }), ArcherValueError);
    await assert.rejects(createRecord(client, t, { Title: 'x', 'Related Device': 'PC-1' }), ArcherValueError);
    assert.equal(count(em, '/core/content'), 0);
  });

  test("turns IsSuccessful:false into GSOC_ARCHER_VALIDATION_FAILED with Archer's messages", async () => {
    await assert.rejects(createRecord(client, t, { 'Incident Description': 'no title' }), (e: unknown) => {
      assert.ok(e instanceof ArcherValidationError);
      assert.equal(e.code, 'GSOC_ARCHER_VALIDATION_FAILED');
      assert.match(e.message, /The Title field is a required field\./);
      assert.equal(e.validationMessages[0]?.MessageKey, 'ValidationMessageTemplates:RequiredField');
      return true;
    });
    await assert.rejects(
      getContent(client, 1),
      (e: unknown) => (e as { code?: string }).code === 'GSOC_ARCHER_NOT_FOUND',
    );
  });
});
