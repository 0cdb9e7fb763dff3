// A running graphsoc keeps filing reports through the outages a SOC sees: Archer down for a while,
// Archer sessions ending mid-run, and a Graph 429 storm. Reports wait for the service instead of
// using up their attempts, the backlog drains afterwards, and at the end every report is in exactly
// one incident per campaign: 0 lost, 0 doubled.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emulators, startEmulators } from '../../emulators/index.js';
import {
  type ArcherClient,
  ArcherMetadata,
  createArcherClient,
  findRecordIds,
  readRecord,
} from '../../src/connectors/archer/index.js';
import type { Runtime } from '../../src/app/runtime.js';
import { LogCapture } from '../helpers/log-capture.js';
import { waitFor } from '../helpers/wait.js';
import { asItemAttachment, credentialPhish, seeded } from './corpus/index.js';
import { emulatedArcher, type MailTenant, mailTenant, startWebhookRuntime } from './emulated-tenant.js';
import { phishingDb } from '../../src/phishing/store/index.js';

const MAILBOX = 'phish@contoso-outage.example';
const CAMPAIGNS = 5;

describe('phishing job through outages', () => {
  let emulators: Emulators;
  let mail: MailTenant;
  let runtime: Runtime;
  let archer: ArcherClient;
  const log = new LogCapture();
  const rng = seeded(9);
  const originals = Array.from({ length: CAMPAIGNS }, (_, i) =>
    credentialPhish(rng, { subject: `Outage notice ${i}`, messageId: `<outage-${i}@evil.example>` }),
  );
  let delivered = 0;
  const deliver = (count: number) => {
    for (let i = 0; i < count; i++) {
      const n = delivered++;
      emulators.entraGraph.deliverMail(mail.tenantId, MAILBOX, {
        mime: asItemAttachment(
          originals[n % CAMPAIGNS] as (typeof originals)[number],
          { name: `User ${n}`, address: `user${n}@contoso-outage.example` },
          `o${n}`,
        ),
      });
    }
  };
  const reportStates = () =>
    phishingDb(runtime.store.db)
      .selectFrom('phishing_reports')
      .select(['state', 'attempts', 'last_error'])
      .execute();
  const dashboard = async () => (await fetch(`${runtime.adminUrl}/`)).text();
  /** The mailbox's problem leaves the dashboard once a round succeeds. */
  const dashboardClears = (problem: RegExp) =>
    waitFor('the dashboard shows the mailbox well again', async () => !problem.test(await dashboard()));
  const allDone = async () => {
    const rows = await reportStates();
    return rows.length === delivered && rows.every((r) => r.state === 'done');
  };

  before(async () => {
    emulators = await startEmulators();
    mail = mailTenant(emulators, { domain: 'contoso-outage.example', mailbox: MAILBOX });
    runtime = await startWebhookRuntime(emulators, {
      mail,
      mailbox: MAILBOX,
      retryBaseSec: 1,
      maxAttempts: 2,
      logDestination: log,
    });
    archer = createArcherClient(emulatedArcher(emulators));
    // The first round (mapping check, subscription) is done before any fault.
    await waitFor('subscribed', () =>
      emulators.entraGraph.requests().some((r) => r.method === 'POST' && r.path.endsWith('/subscriptions')),
    );
  });
  after(async () => {
    await archer?.close();
    await runtime?.stop();
    await emulators?.close();
  });

  test('Archer down for a while: reports wait without using attempts, then the backlog drains', async () => {
    const fault = emulators.archer.addFault({ status: 503, message: 'Service Unavailable' });
    deliver(10);
    // One report per round meets the outage; the round stops there and comes back a second later.
    const failed = () => emulators.archer.requests().filter((r) => r.status === 503).length;
    await waitFor('three rounds against the outage', () => failed() >= 3 * 4, { timeoutMs: 30_000 });
    // maxAttempts is 2: had the outage counted, reports would be quarantined by now.
    const rows = await reportStates();
    assert.equal(rows.length, 10);
    assert.ok(
      rows.every((r) => r.state === 'pending' && r.attempts === 0),
      JSON.stringify(rows),
    );
    assert.ok(rows.some((r) => r.last_error?.includes('503')));
    // Any instance's dashboard says so, not only the owner's log.
    const page = await dashboard();
    assert.match(page, /Failing/);
    assert.match(page, /phish@contoso-outage\.example: reports wait for a service: .*503/);
    emulators.archer.removeFault(fault);
    await waitFor('backlog drained', allDone, { timeoutMs: 30_000 });
    await dashboardClears(/reports wait/);
  });

  test('Archer sessions end again and again mid-run: graphsoc logs in again and files everything', async () => {
    // Ended once before the reports arrive (so the first call surely meets it), then every 100 ms.
    emulators.archer.expireSessions();
    const stop = setInterval(() => emulators.archer.expireSessions(), 100);
    try {
      deliver(10);
      await waitFor('reports filed', allDone, { timeoutMs: 30_000 });
    } finally {
      clearInterval(stop);
    }
    const rejected = emulators.archer.requests().filter((r) => r.status === 401).length;
    assert.ok(rejected > 0, 'sessions really ended under graphsoc');
  });

  test('a Graph 429 storm on the mailbox: throttled calls wait and retry, nothing is lost', async () => {
    const fault = emulators.entraGraph.addFault({
      listener: 'graph',
      pathRegex: '/users/',
      status: 429,
      retryAfterSec: 1,
      probability: 0.6,
      times: 12,
    });
    deliver(10);
    await waitFor('reports filed', allDone, { timeoutMs: 45_000 });
    emulators.entraGraph.removeFault(fault);
    const throttled = emulators.entraGraph.requests().filter((r) => r.status === 429).length;
    assert.ok(throttled > 0, 'the storm hit graphsoc');
  });

  test('Graph refusing the mailbox (a revoked permission): the dashboard says so until it is back', async () => {
    const fault = emulators.entraGraph.addFault({
      listener: 'graph',
      pathRegex: '/messages/delta',
      status: 403,
      message: 'Access is denied. Check credentials and try again.',
    });
    deliver(1);
    await waitFor('the dashboard names the failing mailbox', async () =>
      /phish@contoso-outage\.example: the mailbox round fails: .*403/.test(await dashboard()),
    );
    emulators.entraGraph.removeFault(fault);
    await waitFor('report filed', allDone, { timeoutMs: 30_000 });
    await dashboardClears(/round fails/);
  });

  test('afterwards: one incident per campaign holding every report, none lost, none doubled', async () => {
    const target = { application: 'Security Incidents', meta: new ArcherMetadata(archer) };
    const keys = await phishingDb(runtime.store.db)
      .selectFrom('phishing_reports')
      .select((eb) => ['campaign_key', eb.fn.countAll<number>().as('n')])
      .groupBy('campaign_key')
      .execute();
    assert.equal(keys.length, CAMPAIGNS);
    for (const k of keys) {
      const ids = await findRecordIds(archer, target, 'Message ID', k.campaign_key as string);
      assert.equal(ids.length, 1, `campaign ${k.campaign_key} has ${ids.length} records`);
      const record = await readRecord(archer, target, ids[0] as number);
      assert.equal(Number(record['Reports Received']), Number(k.n), 'every report counted once');
    }
    assert.equal((await reportStates()).filter((r) => r.state !== 'done').length, 0, 'lost');
  });
});
