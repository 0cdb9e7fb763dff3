// Ingest against the Graph mail emulator over real HTTPS: delta rounds record each report once,
// resume from the saved deltaLink, ignore messages leaving the folder, start over when the token is
// refused; subscriptions are created with a clientState the webhook accepts, notify on new mail,
// are renewed and re-created.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Emulators, startEmulators } from '../../../emulators/index.js';
import { createGraphClient, type GraphClient } from '../../../src/connectors/microsoft/graph/index.js';
import { createTokenProvider } from '../../../src/connectors/microsoft/identity/index.js';
import { syncFolder } from '../../../src/phishing/ingest/folder-sync.js';
import { folderKey } from '../../../src/phishing/ingest/folders.js';
import { MailSubscriptions } from '../../../src/phishing/ingest/subscriptions.js';
import { registerMailWebhook } from '../../../src/phishing/ingest/webhook.js';
import { ReportStore } from '../../../src/phishing/store/index.js';
import { KvState, openDatabase, type Store } from '../../../src/platform/db/index.js';
import { createLogger } from '../../../src/platform/log.js';
import { listenLoopback } from '../../helpers/listen.js';
import { tempDir } from '../../helpers/tmp.js';
import { mailTenant } from '../emulated-tenant.js';
import { waitFor } from '../../helpers/wait.js';
import { migrateStore } from '../../../src/app/migrations.js';

const MAILBOX = 'abuse@contoso-ingest.example';
const FOLDER = { mailbox: MAILBOX, folder: 'inbox' };

const mime = (n: number) =>
  [
    'From: Alice <alice@contoso-ingest.example>',
    `To: ${MAILBOX}`,
    `Subject: report ${n}`,
    `Message-ID: <report-${n}-${randomUUID()}@contoso-ingest.example>`,
    'Date: Mon, 02 Mar 2026 09:00:00 +0000',
    'Content-Type: text/plain',
    '',
    `report number ${n}`,
    '',
  ].join('\r\n');

describe('phishing ingest against the Graph mail emulator', () => {
  let emulators: Emulators;
  let store: Store;
  let graph: GraphClient;
  let reports: ReportStore;
  let kv: KvState;
  let tenantId: string;

  before(async () => {
    emulators = await startEmulators();
    const world = mailTenant(emulators, {
      domain: 'contoso-ingest.example',
      mailbox: MAILBOX,
      name: 'ingest',
    });
    tenantId = world.tenantId;
    emulators.entraGraph.seedMail(tenantId, {
      mailboxes: [{ user: MAILBOX, messages: [{ mime: mime(1) }, { mime: mime(2) }] }],
    });
    graph = createGraphClient(world.tenant, createTokenProvider(world.tenant));
    store = await openDatabase(`sqlite:${tempDir()}/graphsoc.db`);
    await migrateStore(store);
    reports = new ReportStore(store.db);
    kv = new KvState(store.db);
  });
  after(async () => {
    await graph.close();
    await store.close();
    await emulators.close();
  });

  test('the first round records every message; a second round finds nothing new', async () => {
    const first = await syncFolder(graph, reports, kv, FOLDER);
    assert.deepEqual(first, { listed: 2, added: 2, resynced: false });
    const again = await syncFolder(graph, reports, kv, FOLDER);
    assert.equal(again.added, 0);
    const due = await reports.due(10, MAILBOX);
    assert.equal(due.length, 2);
    assert.ok(due.every((r) => r.internet_message_id?.startsWith('<report-')));
  });

  test('a new message appears in the next round from the saved deltaLink', async () => {
    emulators.entraGraph.deliverMail(tenantId, MAILBOX, { mime: mime(3) });
    const r = await syncFolder(graph, reports, kv, FOLDER);
    assert.deepEqual({ listed: r.listed, added: r.added }, { listed: 1, added: 1 });
  });

  test('a refused deltaLink starts a full round; nothing is recorded twice', async () => {
    emulators.entraGraph.expireMailDeltaTokens(tenantId, MAILBOX);
    emulators.entraGraph.deliverMail(tenantId, MAILBOX, { mime: mime(4) });
    const r = await syncFolder(graph, reports, kv, FOLDER);
    assert.equal(r.resynced, true);
    assert.equal(r.added, 1, 'only the new message is new');
    assert.equal((await reports.due(100, MAILBOX)).length, 4);
  });

  test('a deltaLink saved against another Graph host is not followed: a full round starts over', async () => {
    const key = `phishing:delta:${folderKey(FOLDER)}`;
    const saved = await kv.get(key);
    assert.ok(saved, `the round saved its link under ${key}`);
    // As after a restore into another environment, or a sandbox restarted with new emulator ports.
    const elsewhere = new URL(saved);
    elsewhere.host = 'graph.stale.example:4443';
    await kv.set(key, elsewhere.href);
    emulators.entraGraph.deliverMail(tenantId, MAILBOX, { mime: mime(7) });
    const r = await syncFolder(graph, reports, kv, FOLDER);
    assert.deepEqual({ resynced: r.resynced, added: r.added }, { resynced: true, added: 1 });
    assert.equal(
      new URL((await kv.get(key)) as string).host,
      new URL(saved).host,
      'a link on Graph’s own host is saved',
    );
  });

  describe('subscriptions and the webhook', () => {
    let server: FastifyInstance;
    let subs: MailSubscriptions;
    const changed: string[] = [];

    before(async () => {
      server = Fastify();
      let resolve: MailSubscriptions['resolve'] = async () => undefined;
      registerMailWebhook(server, {
        path: '/webhooks/graph/mail',
        resolve: (id) => resolve(id),
        onChange: (id) => changed.push(id),
        onLifecycle: () => {},
        logger: createLogger({ level: 'silent' }),
      });
      const base = await listenLoopback(server);
      subs = new MailSubscriptions(graph, kv, { notificationUrl: `${base}/webhooks/graph/mail` });
      resolve = (id) => subs.resolve(id);
    });
    after(() => server.close());

    test('created through the validation handshake; new mail notifies with a clientState we accept', async () => {
      const s = await subs.ensure(FOLDER);
      assert.ok(s.id);
      assert.ok(s.expiresAt > Date.now() + 2 * 86_400_000);
      assert.equal((await subs.ensure(FOLDER)).id, s.id, 'a fresh subscription is kept');
      emulators.entraGraph.deliverMail(tenantId, MAILBOX, { mime: mime(5) });
      await emulators.entraGraph.flushMailNotifications();
      await waitFor('notified', () => changed.includes(s.id));
    });

    test('renewal extends it; a subscription Graph removed is created again', async () => {
      const s = await subs.ensure(FOLDER);
      const renewed = await subs.renew(s.id);
      assert.equal(renewed.id, s.id);
      await emulators.entraGraph.fireMailLifecycle(s.id, 'subscriptionRemoved');
      const again = await subs.recreate(s.id);
      assert.notEqual(again.id, s.id);
      assert.equal(await subs.resolve(s.id), undefined, 'the old id is forgotten');
      assert.ok(await subs.resolve(again.id));
    });

    test('a subscription that ended without a word to graphsoc is found out by verify and made again', async () => {
      const s = await subs.ensure(FOLDER);
      // Deleted at Graph (an administrator, or expired while graphsoc was down): no lifecycle event.
      await graph.delete(`/subscriptions/${s.id}`);
      assert.equal((await subs.ensure(FOLDER)).id, s.id, 'without verify the stored one is trusted');
      const again = await subs.ensure(FOLDER, { verify: true });
      assert.notEqual(again.id, s.id);
      assert.equal(await subs.resolve(s.id), undefined);
      assert.equal((await subs.ensure(FOLDER, { verify: true })).id, again.id, 'a live one is kept');
      emulators.entraGraph.deliverMail(tenantId, MAILBOX, { mime: mime(6) });
      await emulators.entraGraph.flushMailNotifications();
      await waitFor('notified', () => changed.includes(again.id));
    });
  });
});
