// The whole report path over real HTTPS: reports delivered to the Graph mail emulator are listed by
// delta, fetched, parsed, analysed, grouped, filed in the Archer emulator, acknowledged to the
// reporter, categorised and moved; a report of the same phish joins the same incident; a worker
// "killed" after each step resumes without losing or doubling anything.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { type Emulators, startEmulators } from '../../../emulators/index.js';
import {
  type ArcherClient,
  createArcherClient,
  findRecordIds,
  readRecord,
} from '../../../src/connectors/archer/index.js';
import { createGraphClient, type GraphClient } from '../../../src/connectors/microsoft/graph/index.js';
import { createTokenProvider } from '../../../src/connectors/microsoft/identity/index.js';
import { syncFolder } from '../../../src/phishing/ingest/folder-sync.js';
import { type ProcessDeps, processReport } from '../../../src/phishing/pipeline/process-report.js';
import { ReportStore } from '../../../src/phishing/store/index.js';
import { phishingSchema } from '../../../src/phishing/index.js';
import { KvState, openDatabase, type Store } from '../../../src/platform/db/index.js';
import { tempDir } from '../../helpers/tmp.js';
import { emulatedArcher, mailTenant, pipelineDeps } from '../emulated-tenant.js';
import { phishingDb } from '../../../src/phishing/store/index.js';
import { migrateStore } from '../../../src/app/migrations.js';

const MAILBOX = 'phish@contoso-pipe.example';

const PHISH_BODY = [
  'Authentication-Results: spf=fail smtp.mailfrom=contoso-support.example; dkim=none; dmarc=fail',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Click <a href="https://contoso-support.example/quota">https://portal.contoso-pipe.example</a></p>',
];
const NEWSLETTER_BODY = [
  'Authentication-Results: spf=pass smtp.mailfrom=fabrikam.example; dkim=pass header.d=fabrikam.example; dmarc=pass',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'This week at Fabrikam: the new canteen menu.',
];

function report(
  reporter: string,
  innerMessageId: string,
  subject = 'Your mailbox is full',
  o: { prefix?: string; body?: string[]; from?: string } = {},
): string {
  const inner = [
    `From: ${o.from ?? '"IT Helpdesk" <helpdesk@contoso-support.example>'}`,
    'To: staff@contoso-pipe.example',
    `Subject: ${subject}`,
    `Message-ID: <${innerMessageId}>`,
    'Date: Mon, 02 Mar 2026 08:00:00 +0000',
    ...(o.body ?? PHISH_BODY),
  ].join('\r\n');
  return [
    `From: <${reporter}>`,
    `To: ${MAILBOX}`,
    `Subject: ${o.prefix ?? 'FW: '}${subject}`,
    `Message-ID: <${randomUUID()}@contoso-pipe.example>`,
    'Date: Mon, 02 Mar 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'Looks like phishing.',
    '--b',
    'Content-Type: message/rfc822',
    '',
    inner,
    '--b--',
    '',
  ].join('\r\n');
}

describe('phishing pipeline end to end', () => {
  let emulators: Emulators;
  let store: Store;
  let graph: GraphClient;
  let archer: ArcherClient;
  let tenantId: string;
  let deps: ProcessDeps;
  let reports: ReportStore;
  let kv: KvState;
  const config = phishingSchema.parse({
    mailboxes: [{ tenant: 't', mailbox: MAILBOX }],
    notify: { acknowledge: true, verdict: true },
    ownDomains: ['contoso-pipe.example'],
    archer: {
      campaignKeyField: 'Message ID',
      reportCountField: 'Reports Received',
      attachmentField: 'Evidence',
      values: { 'Incident Category': 'Phishing', Source: 'E-mail' },
    },
  });
  const mailbox = config.mailboxes[0] as (typeof config.mailboxes)[number];
  const folder = { mailbox: MAILBOX, folder: 'inbox' };

  const drain = async () => {
    await syncFolder(graph, reports, kv, folder);
    for (const r of await reports.due(100, MAILBOX)) await processReport(deps, mailbox, r);
  };
  const incidents = async (key: string) => findRecordIds(archer, deps.sink.target, 'Message ID', key);

  before(async () => {
    emulators = await startEmulators();
    const world = mailTenant(emulators, { domain: 'contoso-pipe.example', mailbox: MAILBOX });
    tenantId = world.tenantId;
    graph = createGraphClient(world.tenant, createTokenProvider(world.tenant));
    archer = createArcherClient(emulatedArcher(emulators));
    store = await openDatabase(`sqlite:${tempDir()}/graphsoc.db`);
    await migrateStore(store);
    kv = new KvState(store.db);
    deps = pipelineDeps(store, graph, archer, config);
    reports = deps.reports;
  });
  after(async () => {
    await archer.close();
    await graph.close();
    await store.close();
    await emulators.close();
  });

  test('two reports of one phish and one of another: two incidents, every report done and moved', async () => {
    const eg = emulators.entraGraph;
    eg.deliverMail(tenantId, MAILBOX, { mime: report('alice@contoso-pipe.example', 'phish-a@evil') });
    eg.deliverMail(tenantId, MAILBOX, { mime: report('bob@contoso-pipe.example', 'phish-a@evil') });
    eg.deliverMail(tenantId, MAILBOX, {
      mime: report('carol@contoso-pipe.example', 'phish-b@evil', 'Invoice'),
    });
    await drain();
    const rows = await phishingDb(store.db).selectFrom('phishing_reports').selectAll().execute();
    assert.deepEqual(
      rows.map((r) => r.state),
      ['done', 'done', 'done'],
      JSON.stringify(rows.map((r) => r.last_error)),
    );
    const keys = [...new Set(rows.map((r) => r.campaign_key as string))];
    assert.equal(keys.length, 2);
    for (const key of keys) assert.equal((await incidents(key)).length, 1, `one incident for ${key}`);
    const sent = eg.sentMail(tenantId);
    assert.equal(sent.length, 6, 'each reporter got an acknowledgement and the verdict');
    const verdicts = sent.filter((m) => String(m.message.subject).startsWith('Result of your report'));
    assert.equal(verdicts.length, 3);
    assert.match(JSON.stringify(verdicts[0]?.message.body), /phishing attack|looks suspicious/);
    const inbox = await graph.get(
      `/users/${encodeURIComponent(MAILBOX)}/mailFolders/inbox/messages`,
      z.looseObject({ value: z.array(z.unknown()) }),
    );
    assert.equal(inbox.value.length, 0, 'all moved to the Processed folder');
  });

  test('copies of one template from other senders, subjects and links: one incident that says why each joined', async () => {
    const eg = emulators.entraGraph;
    // One kit's letter to two people: the recipient's name, the link token, the sender, the subject and
    // the Message-ID all differ; nothing but the template is shared.
    const copy = (name: string, token: string) => [
      'Content-Type: text/html; charset=utf-8',
      '',
      `<p>Dear ${name},</p><p>We detected unusual sign-in activity on your account from a new device in another country. If this was not you, review your recent activity and secure your account within 24 hours, otherwise access will be suspended.</p><p><a href="https://${token}.kit-host.example/r/${token}9x/login">Review activity</a></p><p>Thank you, the account team.</p>`,
    ];
    const before = (await phishingDb(store.db).selectFrom('phishing_reports').select('id').execute()).length;
    eg.deliverMail(tenantId, MAILBOX, {
      mime: report('hana@contoso-pipe.example', 'tmpl-1@one.example', 'Unusual sign-in activity', {
        from: '"Account team" <no-reply@one-sender.example>',
        body: copy('hana', 'a8f3c2'),
      }),
    });
    eg.deliverMail(tenantId, MAILBOX, {
      mime: report('ivan@contoso-pipe.example', 'tmpl-2@two.example', 'Security alert for your account', {
        from: '"Account team" <alerts@two-sender.example>',
        body: copy('ivan', 'b71e0d'),
      }),
    });
    await drain();
    const rows = (
      await phishingDb(store.db).selectFrom('phishing_reports').selectAll().orderBy('id').execute()
    ).slice(before);
    assert.deepEqual(
      rows.map((r) => r.state),
      ['done', 'done'],
    );
    assert.equal(rows[0]?.campaign_key, rows[1]?.campaign_key, 'one campaign');
    const ids = await incidents(rows[0]?.campaign_key as string);
    assert.equal(ids.length, 1, 'one incident');
    const description = String(
      (await readRecord(archer, deps.sink.target, ids[0] as number))['Incident Description'],
    );
    assert.match(description, /hana@contoso-pipe\.example — first report of the campaign/);
    assert.match(
      description,
      /ivan@contoso-pipe\.example — joined: body [01]\.\d\d similar, same link skeletons, same display name/,
    );
  });

  test('a failure of its own marks the message failed at once and counts; the retry succeeds and clears it', async () => {
    const eg = emulators.entraGraph;
    const fault = emulators.archer.addFault({
      method: 'POST',
      pathRegex: '/core/content$',
      status: 400,
      times: 1,
    });
    const { immutableId } = eg.deliverMail(tenantId, MAILBOX, {
      mime: report('erin@contoso-pipe.example', 'phish-own@evil', 'Benefits update'),
    });
    await drain();
    emulators.archer.removeFault(fault);
    const row = (await phishingDb(store.db).selectFrom('phishing_reports').selectAll().execute()).find(
      (r) => r.message_id === immutableId,
    );
    assert.deepEqual(
      { state: row?.state, attempts: row?.attempts },
      { state: 'pending', attempts: 1 },
      row?.last_error ?? '',
    );
    const message = z.looseObject({ categories: z.array(z.string()), parentFolderId: z.string() });
    const path = `/users/${encodeURIComponent(MAILBOX)}/messages/${immutableId}`;
    const prefer = ['IdType="ImmutableId"'];
    assert.deepEqual((await graph.get(path, message, { prefer })).categories, [mailbox.failedCategory]);
    await phishingDb(store.db)
      .updateTable('phishing_reports')
      .set({ next_attempt_at: 0 })
      .where('id', '=', row?.id as number)
      .execute();
    await drain();
    assert.equal((await reports.get(row?.id as number))?.state, 'done');
    assert.deepEqual((await graph.get(path, message, { prefer })).categories, [mailbox.processedCategory]);
  });

  test('report button kinds: a clean "not junk" opens no incident, a suspicious one and a junk one do', async () => {
    const eg = emulators.entraGraph;
    const creates = () =>
      emulators.archer.requests().filter((r) => r.method === 'POST' && /\/core\/content$/.test(r.path))
        .length;
    const before = creates();
    const newsletter = eg.deliverMail(tenantId, MAILBOX, {
      mime: report('frank@contoso-pipe.example', 'news-1@fabrikam.example', 'Weekly news', {
        prefix: '2|',
        body: NEWSLETTER_BODY,
        from: 'Fabrikam News <news@fabrikam.example>',
      }),
    });
    const rescued = eg.deliverMail(tenantId, MAILBOX, {
      mime: report('gina@contoso-pipe.example', 'phish-nj@evil', 'Quota warning', { prefix: 'Not junk: ' }),
    });
    const junk = eg.deliverMail(tenantId, MAILBOX, {
      mime: report('hank@contoso-pipe.example', 'phish-junk@evil', 'Prize draw', { prefix: '1|' }),
    });
    await drain();
    const rows = await phishingDb(store.db).selectFrom('phishing_reports').selectAll().execute();
    const row = (id: string) => rows.find((r) => r.message_id === id);
    for (const id of [newsletter, rescued, junk].map((x) => x.immutableId))
      assert.equal(row(id)?.state, 'done', row(id)?.last_error ?? id);
    const skipped = row(newsletter.immutableId);
    assert.equal(skipped?.campaign_key, null, 'no campaign for a clean not-junk report');
    assert.deepEqual((({ kind, filed }) => ({ kind, filed }))(JSON.parse(skipped?.analysis as string)), {
      kind: 'not-junk',
      filed: false,
    });
    assert.equal(
      creates() - before,
      2,
      'the two phishes are filed (suspicious), the newsletter (clean) is not',
    );
    const nj = await incidents(row(rescued.immutableId)?.campaign_key as string);
    assert.equal(nj.length, 1);
    const record = await readRecord(archer, deps.sink.target, nj[0] as number);
    assert.match(
      String(record['Incident Description']),
      /gina@contoso-pipe\.example \(reported as NOT junk\)/,
    );
    const toFrank = eg.sentMail(tenantId).filter((m) => JSON.stringify(m.message).includes('frank@'));
    assert.equal(toFrank.length, 2, 'the reporter is answered all the same');
  });

  test('a report from outside the own domains is filed but its forged sender is never mailed', async () => {
    const eg = emulators.entraGraph;
    const { immutableId } = eg.deliverMail(tenantId, MAILBOX, {
      mime: report('victim@elsewhere.example', 'phish-forged@evil', 'Backscatter please'),
    });
    await drain();
    const row = (await phishingDb(store.db).selectFrom('phishing_reports').selectAll().execute()).find(
      (r) => r.message_id === immutableId,
    );
    assert.equal(row?.state, 'done', row?.last_error ?? '');
    assert.equal((await incidents(row?.campaign_key as string)).length, 1);
    const mailed = eg
      .sentMail(tenantId)
      .filter((m) => JSON.stringify(m.message).includes('elsewhere.example'));
    assert.deepEqual(mailed, []);
  });

  test('a report past the size limit is read only to the limit, filed as too large, and moved', async () => {
    const eg = emulators.entraGraph;
    const small = pipelineDeps(store, graph, archer, {
      ...config,
      limits: { ...config.limits, maxBytes: 50_000 },
    });
    const padding = `<p>${'x'.repeat(76)}</p>\r\n`.repeat(4000); // ~330 KB of HTML
    const { immutableId } = eg.deliverMail(tenantId, MAILBOX, {
      mime: report('ivan@contoso-pipe.example', 'phish-huge@evil', 'Huge', {
        body: [...PHISH_BODY, padding],
      }),
    });
    await syncFolder(graph, reports, kv, folder);
    // What the fetch step stores is what was downloaded.
    const watched = new ReportStore(store.db);
    const advance = watched.advance.bind(watched);
    let fetchedBytes: number | undefined;
    watched.advance = async (id, s, produced) => {
      if (s === 'fetched') fetchedBytes = produced?.mime?.byteLength;
      return advance(id, s, produced);
    };
    for (const r of await reports.due(100, MAILBOX))
      await processReport({ ...small, reports: watched }, mailbox, r);
    const row = (await phishingDb(store.db).selectFrom('phishing_reports').selectAll().execute()).find(
      (r) => r.message_id === immutableId,
    );
    assert.equal(row?.state, 'done', row?.last_error ?? '');
    assert.equal(fetchedBytes, 50_001, 'one byte past the limit was read, no more');
    const record = JSON.parse(row?.analysis as string);
    assert.match(record.unparseable, /^too-large/);
    const ids = await incidents(row?.campaign_key as string);
    assert.equal(ids.length, 1, 'the analysts get it all the same');
    const filed = await readRecord(archer, deps.sink.target, ids[0] as number);
    assert.match(String(filed['Incident Description']), /could not be parsed: too-large/);
    assert.deepEqual(filed.Evidence ?? [], [], 'a cut-off .eml is not attached as evidence');
  });

  for (const step of ['fetched', 'analysed', 'cased', 'notified'] as const) {
    test(`a worker killed after "${step}" resumes: nothing lost, nothing doubled`, async () => {
      const eg = emulators.entraGraph;
      const mid = `phish-kill-${step}@evil`;
      eg.deliverMail(tenantId, MAILBOX, { mime: report('dave@contoso-pipe.example', mid, `Kill ${step}`) });
      await syncFolder(graph, reports, kv, folder);
      const [row] = await reports.due(10, MAILBOX);
      assert.ok(row);
      // The first worker runs until the step is recorded, then dies.
      const killed = new ReportStore(store.db);
      const original = killed.advance.bind(killed);
      killed.advance = async (id, s, produced) => {
        const row = await original(id, s, produced);
        if (s === step) throw new Error(`killed after ${step}`);
        return row;
      };
      await processReport({ ...deps, reports: killed }, mailbox, row);
      // A new worker takes over: the failure backoff is skipped by releasing the report's wait.
      await phishingDb(store.db)
        .updateTable('phishing_reports')
        .set({ next_attempt_at: 0 })
        .where('id', '=', row.id)
        .execute();
      await drain();
      const after = await reports.get(row.id);
      assert.equal(after?.state, 'done', after?.last_error ?? '');
      assert.equal((await incidents(after?.campaign_key as string)).length, 1);
    });
  }
});
