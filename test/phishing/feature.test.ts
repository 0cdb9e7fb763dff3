// The phishing job inside a running graphsoc (startRuntime, as `serve` runs it) with a public URL:
// it subscribes to the report folder, a delivered report becomes an incident through the change
// notification alone (polling is hourly here), and lifecycle events renew, re-create and catch up.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emulators, startEmulators } from '../../emulators/index.js';
import {
  ArcherMetadata,
  createArcherClient,
  findRecordIds,
  readRecord,
} from '../../src/connectors/archer/index.js';
import { folderKey } from '../../src/phishing/ingest/folders.js';
import { KvState } from '../../src/platform/db/index.js';
import type { Runtime } from '../../src/app/runtime.js';
import { LogCapture } from '../helpers/log-capture.js';
import { waitFor } from '../helpers/wait.js';
import { asItemAttachment, credentialPhish, seeded } from './corpus/index.js';
import { emulatedArcher, type MailTenant, mailTenant, startWebhookRuntime } from './emulated-tenant.js';
import { phishingDb } from '../../src/phishing/store/index.js';

const MAILBOX = 'phish@contoso-feature.example';

describe('phishing job in a running graphsoc with a public URL', () => {
  let emulators: Emulators;
  let mail: MailTenant;
  let runtime: Runtime;
  const log = new LogCapture();
  const rng = seeded(5);

  before(async () => {
    emulators = await startEmulators();
    mail = mailTenant(emulators, { domain: 'contoso-feature.example', mailbox: MAILBOX });
    // Graph refuses the first subscription: graphsoc must try again soon, not after the hourly poll.
    emulators.entraGraph.addFault({ method: 'POST', path: '/v1.0/subscriptions', status: 400, times: 1 });
    runtime = await startWebhookRuntime(emulators, {
      mail,
      mailbox: MAILBOX,
      pollEverySec: 3600,
      retryBaseSec: 1,
      logDestination: log,
    });
  });
  after(async () => {
    await runtime?.stop();
    await emulators?.close();
  });

  const eg = () => emulators.entraGraph;
  const subscriptionRequests = (method: string) =>
    eg()
      .requests()
      .filter((r) => r.method === method && /\/subscriptions(\/[^/]+)?$/.test(r.path) && r.status < 300);
  const doneReports = async () =>
    Number(
      (
        await phishingDb(runtime.store.db)
          .selectFrom('phishing_reports')
          .where('state', '=', 'done')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const subscriptionId = async () => {
    const raw = await new KvState(runtime.store.db).get(
      `phishing:sub:${folderKey({ mailbox: MAILBOX, folder: 'inbox' })}`,
    );
    return raw ? (JSON.parse(raw) as { id: string }).id : undefined;
  };
  let n = 0;
  const newReport = () => {
    n += 1;
    return asItemAttachment(
      credentialPhish(rng, { subject: `Password expiry ${n}`, messageId: `<feature-${n}@evil.example>` }),
      { name: `User ${n}`, address: `user${n}@contoso-feature.example` },
      `f${n}`,
    );
  };

  test('subscribes to the report folder (again after a refusal) once the server answers the validation request', async () => {
    await waitFor('subscription created', () => subscriptionRequests('POST').length === 1);
    const refused = eg()
      .requests()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/subscriptions') && r.status === 400);
    assert.equal(refused.length, 1, 'the first attempt met the refusal');
    const validations = eg()
      .mailNotifications()
      .filter((x) => x.kind === 'validation');
    // Graph checks the notification URL and the lifecycle URL: both are graphsoc's webhook.
    assert.equal(validations.length, 2);
    for (const v of validations) {
      assert.equal(v.status, 200);
      assert.equal(v.url, `${runtime.url}/webhooks/graph/mail`);
    }
    await waitFor('subscription saved', subscriptionId);
  });

  test('a delivered report becomes an Archer incident through the notification alone', async () => {
    eg().deliverMail(mail.tenantId, MAILBOX, { mime: newReport() });
    await waitFor('report filed', async () => (await doneReports()) === 1);
    const sent = eg()
      .mailNotifications()
      .filter((x) => x.kind === 'notification');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.status, 202);
    const archer = createArcherClient(emulatedArcher(emulators));
    try {
      const target = { application: 'Security Incidents', meta: new ArcherMetadata(archer) };
      const key = (
        await phishingDb(runtime.store.db)
          .selectFrom('phishing_reports')
          .select('campaign_key')
          .executeTakeFirstOrThrow()
      ).campaign_key as string;
      assert.equal((await findRecordIds(archer, target, 'Message ID', key)).length, 1);
    } finally {
      await archer.close();
    }
  });

  test('reauthorizationRequired renews the subscription', async () => {
    const id = (await subscriptionId()) as string;
    const before = subscriptionRequests('PATCH').length;
    await eg().fireMailLifecycle(id, 'reauthorizationRequired');
    await waitFor('subscription renewed', () => subscriptionRequests('PATCH').length === before + 1);
    assert.equal(await subscriptionId(), id);
  });

  test('subscriptionRemoved: a new subscription is made and reports still arrive by notification', async () => {
    const old = (await subscriptionId()) as string;
    await eg().fireMailLifecycle(old, 'subscriptionRemoved');
    await waitFor('subscription re-created', async () => {
      const id = await subscriptionId();
      return id !== undefined && id !== old;
    });
    eg().deliverMail(mail.tenantId, MAILBOX, { mime: newReport() });
    await waitFor('second report filed', async () => (await doneReports()) === 2);
  });

  test('missed: a delta round picks up a report whose notification never came', async () => {
    // seedMail adds the message without notifying anyone.
    eg().seedMail(mail.tenantId, { mailboxes: [{ user: MAILBOX, messages: [{ mime: newReport() }] }] });
    await eg().fireMailLifecycle((await subscriptionId()) as string, 'missed');
    await waitFor('third report filed', async () => (await doneReports()) === 3);
  });

  test('eight reports of one phish worked four at a time: one incident counting all eight', async () => {
    const phish = credentialPhish(rng, { subject: 'Mailbox quota', messageId: '<burst@evil.example>' });
    const messages = Array.from({ length: 8 }, (_, i) => ({
      mime: asItemAttachment(
        phish,
        { name: `Burst ${i}`, address: `burst${i}@contoso-feature.example` },
        `b${i}`,
      ),
    }));
    eg().seedMail(mail.tenantId, { mailboxes: [{ user: MAILBOX, messages }] });
    // A slow Archer keeps several case writes of the campaign in flight at once, were they allowed.
    emulators.archer.setLatency(40);
    const before = await doneReports();
    await eg().fireMailLifecycle((await subscriptionId()) as string, 'missed');
    await waitFor('burst filed', async () => (await doneReports()) === before + 8);
    emulators.archer.setLatency(0);
    const keys = await phishingDb(runtime.store.db)
      .selectFrom('phishing_campaigns')
      .select(['key', 'report_count'])
      .where('report_count', '=', 8)
      .execute();
    assert.equal(keys.length, 1);
    const archer = createArcherClient(emulatedArcher(emulators));
    try {
      const target = { application: 'Security Incidents', meta: new ArcherMetadata(archer) };
      const ids = await findRecordIds(archer, target, 'Message ID', keys[0]?.key as string);
      assert.equal(ids.length, 1, 'doubled');
      const record = await readRecord(archer, target, ids[0] as number);
      assert.equal(Number(record['Reports Received']), 8);
    } finally {
      await archer.close();
    }
  });

  test('a notification with a wrong clientState is ignored and logged', async () => {
    const res = await fetch(`${runtime.url}/webhooks/graph/mail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        value: [{ subscriptionId: await subscriptionId(), clientState: 'forged', changeType: 'created' }],
      }),
    });
    assert.equal(res.status, 202);
    await waitFor('warning logged', () => log.text.includes('wrong clientState'));
  });
});
