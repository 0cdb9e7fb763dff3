// Filing campaigns in the Archer emulator over real HTTPS, with the seed's Security Incidents layout:
// one record per campaign with every mapped field, updates as reports arrive, and a crash between
// Archer's create and the database write that finds the record again instead of creating a second.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_USER, startArcherEmulator, type ArcherEmulator } from '../../../emulators/archer/index.js';
import {
  ArcherMetadata,
  type ArcherClient,
  archerConnection,
  createArcherClient,
  findRecordIds,
  readRecord,
  type RecordTarget,
} from '../../../src/connectors/archer/index.js';
import type { ReportRecord } from '../../../src/phishing/cases/report-record.js';
import { type ArcherMapping, syncCase } from '../../../src/phishing/cases/sink.js';
import { CampaignStore, ReportStore } from '../../../src/phishing/store/index.js';
import { phishingSchema } from '../../../src/phishing/index.js';
import { openDatabase, type Store } from '../../../src/platform/db/index.js';
import { SANDBOX_ARCHER_MAPPING } from '../../../src/sandbox/archer-mapping.js';
import { tempDir } from '../../helpers/tmp.js';
import { migrateStore } from '../../../src/app/migrations.js';

const MAPPING: ArcherMapping = phishingSchema.parse({ archer: SANDBOX_ARCHER_MAPPING }).archer;

const record = (n: number, over: Partial<ReportRecord> = {}): ReportRecord => ({
  reportedAt: Date.UTC(2026, 2, 2, 9, n),
  reporter: `user${n}@contoso.com`,
  subject: 'Your account is locked <b>now</b> see https://evil.example/x',
  from: 'security@paypa1.example',
  replyTo: [],
  returnPath: null,
  messageId: '<phish-1@paypa1.example>',
  analysis: null,
  ...over,
});

describe('Archer case sink', () => {
  let em: ArcherEmulator;
  let client: ArcherClient;
  let target: RecordTarget;
  let store: Store;
  let campaigns: CampaignStore;
  let reports: ReportStore;
  const records = new Map<string, ReportRecord[]>();
  let seq = 0;

  const deps = () => ({
    client,
    target,
    mapping: MAPPING,
    campaigns,
    recordsOf: async (key: string) => records.get(key) ?? [],
    firstMessage: async () => ({
      name: 'report.eml',
      bytes: new TextEncoder().encode('From: x\r\n\r\nbody'),
    }),
  });
  const newReport = async (key: string, n: number, over: Partial<ReportRecord> = {}) => {
    const { report } = await reports.seen({ mailbox: 'phish@x', messageId: `m${++seq}`, receivedAt: n });
    await campaigns.join(key, report.id, n);
    records.set(key, [...(records.get(key) ?? []), record(n, over)]);
  };
  const idsByKey = (key: string) => findRecordIds(client, target, 'Message ID', key);

  before(async () => {
    em = await startArcherEmulator();
    client = createArcherClient(
      archerConnection({
        baseUrl: em.url,
        instanceName: DEFAULT_USER.instanceName,
        username: DEFAULT_USER.username,
        password: DEFAULT_USER.password,
      }),
      { caPem: em.caPem },
    );
    target = { application: MAPPING.application, meta: new ArcherMetadata(client) };
    store = await openDatabase(`sqlite:${tempDir()}/graphsoc.db`);
    await migrateStore(store);
    campaigns = new CampaignStore(store.db);
    reports = new ReportStore(store.db);
  });
  after(async () => {
    await client.close();
    await store.close();
    await em.close();
  });

  test('a new campaign becomes one record with every mapped field; the title is escaped and defanged', async () => {
    await newReport('c-1', 1);
    const id = await syncCase(deps(), 'c-1');
    const r = await readRecord(client, target, id);
    assert.equal(r.Title, 'ABUSE - Your account is locked <b>now</b> see hxxps://evil[.]example/x');
    assert.equal(r['Message ID'], 'c-1');
    assert.equal(r['Reports Received'], 1);
    assert.deepEqual(r['Incident Category'], ['Phishing']);
    assert.deepEqual(r['Related Device'], [3961286]);
    assert.match(String(r['Incident Description']), /&lt;b&gt;now&lt;\/b&gt;/);
    assert.ok(!String(r['Incident Description']).includes('https://'));
    assert.equal((r.Evidence as number[]).length, 1);
    const c = await campaigns.get('c-1');
    assert.deepEqual({ id: c?.archer_content_id, applied: c?.applied_version }, { id, applied: 1 });
  });

  test('a second reporter updates the same record', async () => {
    await newReport('c-1', 2);
    const id = await syncCase(deps(), 'c-1');
    assert.equal((await campaigns.get('c-1'))?.archer_content_id, id);
    const r = await readRecord(client, target, id);
    assert.equal(r['Reports Received'], 2);
    assert.match(String(r['Incident Description']), /user2@contoso\.com/);
    assert.deepEqual(await idsByKey('c-1'), [id]);
  });

  test('after a crash between the Archer create and the database write, the record is found, not doubled', async () => {
    await newReport('c-2', 3);
    // The first run dies after Archer answered: simulate by creating through a run whose
    // recordCreated never happens.
    class KilledAfterCreate extends CampaignStore {
      override async recordCreated(): Promise<never> {
        throw new Error('killed after the Archer create');
      }
    }
    const crashing = { ...deps(), campaigns: new KilledAfterCreate(store.db) };
    await assert.rejects(syncCase(crashing, 'c-2'), /killed after the Archer create/);
    const before = await idsByKey('c-2');
    assert.equal(before.length, 1, 'Archer has the record');
    const id = await syncCase(deps(), 'c-2');
    assert.deepEqual(await idsByKey('c-2'), [id], 'found again, not created twice');
  });

  test('a record deleted in Archer is made again, with every report, when the next one comes', async () => {
    await newReport('c-3', 4);
    const first = await syncCase(deps(), 'c-3');
    await client.delete(`content/contentid?id=${first}`);
    await newReport('c-3', 5);
    const gone: Array<[string, number]> = [];
    const id = await syncCase({ ...deps(), onRecordGone: (k, c) => gone.push([k, c]) }, 'c-3');
    assert.notEqual(id, first);
    assert.deepEqual(gone, [['c-3', first]]);
    const r = await readRecord(client, target, id);
    assert.equal(r['Reports Received'], 2, 'the new record holds both reports');
    assert.deepEqual(await idsByKey('c-3'), [id]);
    const c = await campaigns.get('c-3');
    assert.deepEqual(
      { id: c?.archer_content_id, behind: c ? c.applied_version < c.version : true },
      { id, behind: false },
    );
  });

  test('other messages attached to a report are listed in the record, escaped and defanged', async () => {
    const other = {
      name: 'second.eml',
      subject: 'Claim <i>your</i> refund at https://refund-irs.example/claim',
      from: 'refunds@irs-gov.example',
      messageId: '<refund-1@irs-gov.example>',
    };
    await newReport('c-5', 8, {
      alsoAttached: [other, { name: 'third.msg', subject: null, from: null, messageId: null }],
    });
    await newReport('c-5', 9, { alsoAttached: [other] });
    const id = await syncCase(deps(), 'c-5');
    const d = String((await readRecord(client, target, id))['Incident Description']);
    assert.match(d, /Also attached to reports/);
    assert.match(
      d,
      /Claim &lt;i&gt;your&lt;\/i&gt; refund at hxxps:\/\/refund-irs\[\.\]example\/claim — from refunds\[@\]irs-gov\[\.\]example/,
    );
    assert.match(d, /third\[\.\]msg — from unknown/);
    assert.equal(d.match(/refund-1@irs-gov/g)?.length, 1, 'the same message attached twice is listed once');
    assert.ok(!d.includes('https://refund'));
  });

  test('another refusal of an update is not taken for a deleted record', async () => {
    await newReport('c-4', 6);
    const id = await syncCase(deps(), 'c-4');
    await newReport('c-4', 7);
    const gone: number[] = [];
    em.addFault({ method: 'PUT', status: 400, message: 'Bad Request', times: 1 });
    await assert.rejects(syncCase({ ...deps(), onRecordGone: (_k, c) => gone.push(c) }, 'c-4'));
    assert.deepEqual(gone, []);
    assert.equal((await campaigns.get('c-4'))?.archer_content_id, id);
  });
});
