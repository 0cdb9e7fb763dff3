// A running graphsoc keeps filing reports through the outages a SOC sees: Archer down for a while,
// Archer sessions ending mid-run, and a Graph 429 storm. Reports wait for the service instead of
// using up their attempts, the backlog drains afterwards, and at the end every report is in exactly
// one incident per campaign: 0 lost, 0 doubled. Through an outage the dashboard shows one steady
// problem with the time it began, also across rounds with nothing to file and a restart of graphsoc.
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
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { asItemAttachment, credentialPhish, seeded } from './corpus/index.js';
import { emulatedArcher, type MailTenant, mailTenant, startWebhookRuntime } from './emulated-tenant.js';
import { phishingDb } from '../../src/phishing/store/index.js';
import { sessionCookie } from '../helpers/admin-console.js';

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
  const dashboard = async () =>
    (await fetch(`${runtime.adminUrl}/`, { headers: { cookie: await sessionCookie(runtime.store) } })).text();
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
    assert.match(page, /phish@contoso-outage\.example: reports wait for Archer: .*503/);
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

describe('an Archer outage on the dashboard', () => {
  // Rounds come every pollEverySec (10 s, the least allowed); a report that met the outage is tried
  // again after retryBaseSec (11 s), so rounds with nothing to file fall between those that meet it.
  const mailbox = 'phish@contoso-steady.example';
  const databaseUrl = `sqlite:${tempDir()}/graphsoc.db`;
  let emulators: Emulators;
  let mail: MailTenant;
  let runtime: Runtime;
  const log = new LogCapture();
  const start = () =>
    startWebhookRuntime(emulators, {
      mail,
      mailbox,
      databaseUrl,
      pollEverySec: 10,
      retryBaseSec: 11,
      logDestination: log,
    });
  /** What the dashboard shows of the mailbox: the service its reports wait for and since when. */
  const shown = async () => {
    const page = await (
      await fetch(`${runtime.adminUrl}/`, { headers: { cookie: await sessionCookie(runtime.store) } })
    ).text();
    const m = /phish@contoso-steady\.example: ([^<]*?)\(since (\d{4}-[^)]+)\)/.exec(page);
    if (!m) return 'running';
    return `${/^reports wait for (\w+):/.exec(m[1] as string)?.[1] ?? m[1]} since ${m[2]}`;
  };
  const archer503s = () => emulators.archer.requests().filter((r) => r.status === 503).length;
  /** Rounds begun: each reads the mailbox (a delta call) or fails before it, with a log line. */
  const rounds = () =>
    emulators.entraGraph.requests().filter((r) => r.path.includes('/messages/delta')).length +
    log.records().filter((r) => r.msg === 'mailbox round failed; the next round tries again').length;
  /** Samples the dashboard until `done`; returns every distinct state it showed. */
  const watch = async (what: string, done: () => boolean) => {
    const states = new Set<string>();
    await waitFor(
      what,
      async () => {
        states.add(await shown());
        return done();
      },
      { timeoutMs: 60_000 },
    );
    states.add(await shown());
    return [...states];
  };

  before(async () => {
    emulators = await startEmulators();
    mail = mailTenant(emulators, { domain: 'contoso-steady.example', mailbox });
    runtime = await start();
    await waitFor('subscribed', () =>
      emulators.entraGraph.requests().some((r) => r.method === 'POST' && r.path.endsWith('/subscriptions')),
    );
  });
  after(async () => {
    await runtime?.stop();
    await emulators?.close();
  });

  test('stays Failing since the outage began, through rounds with nothing to file and a restart, until Archer works', async () => {
    const fault = emulators.archer.addFault({ status: 503, message: 'Service Unavailable' });
    emulators.entraGraph.deliverMail(mail.tenantId, mailbox, {
      mime: asItemAttachment(
        credentialPhish(seeded(3), { subject: 'Steady notice', messageId: '<steady-1@evil.example>' }),
        { name: 'User S', address: 'users@contoso-steady.example' },
        's1',
      ),
    });
    const first = await waitFor('the outage on the dashboard', async () => {
      const s = await shown();
      return s !== 'running' && s;
    });
    assert.match(first, /^Archer since /);
    // A round with nothing due, then one where the report meets the outage again.
    const [r0, f0] = [rounds(), archer503s()];
    const seen = await watch(
      'a round with nothing to file, then the outage again',
      () => rounds() >= r0 + 2 && archer503s() > f0,
    );
    assert.deepEqual(seen, [first], 'one steady problem with its start');

    // Another instance takes the mailbox over (here: graphsoc restarted) while Archer is still down;
    // its first call to Archer, the mapping check, meets the outage too.
    await runtime.stop();
    const r1 = rounds();
    runtime = await start();
    const afterRestart = await watch('the new owner’s first rounds', () => rounds() >= r1 + 2);
    assert.deepEqual(afterRestart, [first], 'still the same problem, still since the outage began');

    emulators.archer.removeFault(fault);
    await waitFor(
      'the report filed',
      async () => {
        const rows = await phishingDb(runtime.store.db)
          .selectFrom('phishing_reports')
          .select('state')
          .execute();
        return rows.length === 1 && rows[0]?.state === 'done';
      },
      { timeoutMs: 60_000 },
    );
    await waitFor('the dashboard clears', async () => (await shown()) === 'running', { timeoutMs: 30_000 });
  });
});
