// Filing campaigns in the Archer emulator over real HTTPS, with the seed's Security Incidents layout:
// one record per campaign with every mapped field, updates as reports arrive, a crash between
// Archer's create and the database write that finds the record again instead of creating a second,
// and a stored record id that no longer holds the campaign (deleted, key emptied, or another
// campaign's record after Archer started empty and reused its ids), which is never written to.
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
  updateRecord,
} from '../../../src/connectors/archer/index.js';
import type { ReportRecord } from '../../../src/phishing/cases/report-record.js';
import { type ArcherMapping, syncCase } from '../../../src/phishing/cases/sink.js';
import { CampaignStore, ReportStore } from '../../../src/phishing/store/index.js';
import { phishingSchema } from '../../../src/phishing/index.js';
import { openDatabase, type Store } from '../../../src/platform/db/index.js';
import { SANDBOX_ARCHER_MAPPING } from '../../../src/sandbox/archer-mapping.js';
import { createLogger } from '../../../src/platform/log.js';
import { LogCapture } from '../../helpers/log-capture.js';
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

/** An Archer emulator, a client of it, a database and the sink's dependencies, logging to `log`. */
function caseWorld() {
  const w = {
    em: undefined as unknown as ArcherEmulator,
    client: undefined as unknown as ArcherClient,
    target: undefined as unknown as RecordTarget,
    store: undefined as unknown as Store,
    campaigns: undefined as unknown as CampaignStore,
    reports: undefined as unknown as ReportStore,
    log: new LogCapture(),
    records: new Map<string, ReportRecord[]>(),
  };
  let seq = 0;
  const logger = createLogger({ level: 'info', destination: w.log });
  const deps = () => ({
    client: w.client,
    target: w.target,
    mapping: MAPPING,
    campaigns: w.campaigns,
    logger,
    recordsOf: async (key: string) => w.records.get(key) ?? [],
    firstMessage: async () => ({
      name: 'report.eml',
      bytes: new TextEncoder().encode('From: x\r\n\r\nbody'),
    }),
  });
  const newReport = async (key: string, n: number, over: Partial<ReportRecord> = {}) => {
    const { report } = await w.reports.seen({ mailbox: 'phish@x', messageId: `m${++seq}`, receivedAt: n });
    await w.campaigns.join(key, report.id, n);
    w.records.set(key, [...(w.records.get(key) ?? []), record(n, over)]);
  };
  const idsByKey = (key: string) => findRecordIds(w.client, w.target, 'Message ID', key);
  /** The log lines with this message. */
  const logged = (msg: string) => w.log.records().filter((r) => r.msg === msg);

  before(async () => {
    w.em = await startArcherEmulator();
    w.client = createArcherClient(
      archerConnection({
        baseUrl: w.em.url,
        instanceName: DEFAULT_USER.instanceName,
        username: DEFAULT_USER.username,
        password: DEFAULT_USER.password,
      }),
      { caPem: w.em.caPem },
    );
    w.target = { application: MAPPING.application, meta: new ArcherMetadata(w.client) };
    w.store = await openDatabase(`sqlite:${tempDir()}/graphsoc.db`);
    await migrateStore(w.store);
    w.campaigns = new CampaignStore(w.store.db);
    w.reports = new ReportStore(w.store.db);
  });
  after(async () => {
    await w.client.close();
    await w.store.close();
    await w.em.close();
  });
  return { w, deps, newReport, idsByKey, logged };
}

const CREATED = 'Archer incident created';
const UPDATED = 'Archer incident updated';
const GONE = 'the campaign’s Archer record no longer exists; it is found by its key or created again';
const NOT_OURS =
  'the record at the campaign’s Archer id holds another campaign key; it is left alone, and the campaign’s record is found by its key or created again';

describe('Archer case sink', () => {
  const { w, deps, newReport, idsByKey, logged } = caseWorld();
  test('a new campaign becomes one record with every mapped field; the title is escaped and defanged', async () => {
    await newReport('c-1', 1);
    const id = await syncCase(deps(), 'c-1');
    const r = await readRecord(w.client, w.target, id);
    assert.equal(r.Title, 'ABUSE - Your account is locked <b>now</b> see hxxps://evil[.]example/x');
    assert.equal(r['Message ID'], 'c-1');
    assert.equal(r['Reports Received'], 1);
    assert.deepEqual(r['Incident Category'], ['Phishing']);
    assert.deepEqual(r['Related Device'], [3961286]);
    assert.match(String(r['Incident Description']), /&lt;b&gt;now&lt;\/b&gt;/);
    assert.ok(!String(r['Incident Description']).includes('https://'));
    assert.equal((r.Evidence as number[]).length, 1);
    const c = await w.campaigns.get('c-1');
    assert.deepEqual({ id: c?.archer_content_id, applied: c?.applied_version }, { id, applied: 1 });
  });

  test('a second reporter updates the same record', async () => {
    await newReport('c-1', 2);
    const id = await syncCase(deps(), 'c-1');
    assert.equal((await w.campaigns.get('c-1'))?.archer_content_id, id);
    const r = await readRecord(w.client, w.target, id);
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
    const crashing = { ...deps(), campaigns: new KilledAfterCreate(w.store.db) };
    await assert.rejects(syncCase(crashing, 'c-2'), /killed after the Archer create/);
    const before = await idsByKey('c-2');
    assert.equal(before.length, 1, 'Archer has the record');
    const id = await syncCase(deps(), 'c-2');
    assert.deepEqual(await idsByKey('c-2'), [id], 'found again, not created twice');
  });

  test('a record deleted in Archer is made again, with every report, when the next one comes', async () => {
    await newReport('c-3', 4);
    const first = await syncCase(deps(), 'c-3');
    await w.client.delete(`content/contentid?id=${first}`);
    await newReport('c-3', 5);
    const id = await syncCase(deps(), 'c-3');
    assert.notEqual(id, first);
    assert.deepEqual(
      logged(GONE).map((r) => [r.campaign, r.contentId]),
      [['c-3', first]],
    );
    const r = await readRecord(w.client, w.target, id);
    assert.equal(r['Reports Received'], 2, 'the new record holds both reports');
    assert.deepEqual(await idsByKey('c-3'), [id]);
    const c = await w.campaigns.get('c-3');
    assert.deepEqual(
      { id: c?.archer_content_id, behind: c ? c.applied_version < c.version : true },
      { id, behind: false },
    );
  });

  test('a record whose campaign key field was emptied is left alone; the campaign gets a record again', async () => {
    await newReport('c-6', 10);
    const first = await syncCase(deps(), 'c-6');
    await updateRecord(w.client, w.target, first, { 'Message ID': null });
    const emptied = await readRecord(w.client, w.target, first);
    await newReport('c-6', 11);
    const id = await syncCase(deps(), 'c-6');
    assert.notEqual(id, first);
    assert.deepEqual(await readRecord(w.client, w.target, first), emptied, 'not written to');
    const r = await readRecord(w.client, w.target, id);
    assert.deepEqual([r['Message ID'], r['Reports Received']], ['c-6', 2]);
    assert.deepEqual(
      logged(NOT_OURS).map((l) => [l.level, l.campaign, l.contentId, l.recordCampaign]),
      [[40, 'c-6', first, null]],
    );
    assert.equal((await w.campaigns.get('c-6'))?.archer_content_id, id);
  });

  test('every create and update logs one info line with the campaign, the record id and the report count', async () => {
    await newReport('c-7', 12);
    const id = await syncCase(deps(), 'c-7');
    await newReport('c-7', 13);
    await syncCase(deps(), 'c-7');
    await syncCase(deps(), 'c-7');
    const lines = w.log.records().filter((r) => r.campaign === 'c-7');
    assert.deepEqual(
      lines.map((r) => [r.level, r.msg, r.contentId, r.reports]),
      [
        [30, CREATED, id, 1],
        [30, UPDATED, id, 2],
      ],
      'nothing written, nothing logged',
    );
    assert.ok(!/locked|evil|paypa1/i.test(w.log.text), 'no subject or sender text in the log');
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
    const d = String((await readRecord(w.client, w.target, id))['Incident Description']);
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
    const warned = () => [...logged(GONE), ...logged(NOT_OURS)].filter((r) => r.campaign === 'c-4');
    w.em.addFault({ method: 'PUT', status: 400, message: 'Bad Request', times: 1 });
    await assert.rejects(syncCase(deps(), 'c-4'));
    assert.deepEqual(warned(), []);
    assert.equal((await w.campaigns.get('c-4'))?.archer_content_id, id);
  });
});

describe('Archer case sink after Archer started empty and gave the ids out again', () => {
  const { w, deps, newReport, idsByKey, logged } = caseWorld();

  test("a campaign whose stored id now holds another campaign's record leaves it alone and gets its own", async () => {
    await newReport('c-a', 1, { subject: 'Campaign A' });
    const a = await syncCase(deps(), 'c-a');
    // An Archer restore, a switch of instances, or the sandbox's emulated Archer after a restart.
    w.em.reset();
    await newReport('c-b', 2, { subject: 'Campaign B' });
    const b = await syncCase(deps(), 'c-b');
    assert.equal(b, a, 'the emulated Archer gave the id out again');
    const before = await readRecord(w.client, w.target, b);
    await newReport('c-a', 3, { subject: 'Campaign A' });
    const id = await syncCase(deps(), 'c-a');
    assert.notEqual(id, b);
    assert.deepEqual(await readRecord(w.client, w.target, b), before, "B's record is not touched");
    const r = await readRecord(w.client, w.target, id);
    assert.deepEqual([r['Message ID'], r['Reports Received'], r.Title], ['c-a', 2, 'ABUSE - Campaign A']);
    assert.deepEqual(await idsByKey('c-a'), [id]);
    assert.deepEqual(
      logged(NOT_OURS).map((l) => [l.level, l.campaign, l.contentId, l.recordCampaign]),
      [[40, 'c-a', a, 'c-b']],
    );
  });

  test('a record found by the key but holding it in another spelling is not written either', async () => {
    // Archer's search compares case-insensitively; the key field must hold the key exactly.
    await newReport('c-c', 4);
    const first = await syncCase(deps(), 'c-c');
    await updateRecord(w.client, w.target, first, { 'Message ID': 'C-C' });
    const before = await readRecord(w.client, w.target, first);
    await newReport('c-c', 5);
    await assert.rejects(syncCase(deps(), 'c-c'), { code: 'GSOC_PHISHING_CASE_NOT_OURS' });
    assert.deepEqual(await readRecord(w.client, w.target, first), before);
  });
});
