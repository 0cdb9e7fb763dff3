// kill -9 of a real worker process at each dangerous point, then a fresh worker: every report ends
// done, in exactly one Archer incident, with the reporter acknowledged at least once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { type Emulators, startEmulators } from '../../../emulators/index.js';
import { ArcherMetadata, createArcherClient, findRecordIds } from '../../../src/connectors/archer/index.js';
import { openDatabase, type Store } from '../../../src/platform/db/index.js';
import { tempDir } from '../../helpers/tmp.js';
import { emulatedArcher, mailTenant } from '../emulated-tenant.js';
import { phishingDb } from '../../../src/phishing/store/index.js';
import { migrateStore } from '../../../src/app/migrations.js';

const MAILBOX = 'phish@contoso-kill.example';
const CHILD = fileURLToPath(new URL('./worker-child.ts', import.meta.url));

function report(reporter: string, mid: string): string {
  // The step's name as words: a campaign of its own by template too (ids and addresses are masked).
  const words = mid.split('@')[0]?.replace(/\W+/g, ' ') ?? mid;
  return [
    `From: <${reporter}>`,
    `To: ${MAILBOX}`,
    'Subject: FW: Password expires today',
    `Message-ID: <${randomUUID()}@contoso-kill.example>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: message/rfc822',
    '',
    'From: <it@contoso-kill-support.example>',
    // Each test its own campaign: its own subject and link, not only its own Message-ID.
    `Subject: Password expires today (${words})`,
    `Message-ID: <${mid}>`,
    'Content-Type: text/plain',
    '',
    `Renew at https://contoso-kill-support.example/renew/${words.replace(/ /g, '/')}`,
    '--b--',
    '',
  ].join('\r\n');
}

function runWorker(
  env: Record<string, string>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, ...env, NODE_EXTRA_CA_CERTS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    child.on('exit', (code, signal) => resolve({ code, signal, err }));
  });
}

describe('phishing worker killed with SIGKILL at each step', () => {
  let emulators: Emulators;
  let store: Store;
  let dbUrl: string;
  let tenantId: string;
  let setup: string;

  before(async () => {
    emulators = await startEmulators();
    const world = mailTenant(emulators, { domain: 'contoso-kill.example', mailbox: MAILBOX });
    tenantId = world.tenantId;
    dbUrl = `sqlite:${tempDir()}/graphsoc.db`;
    store = await openDatabase(dbUrl);
    await migrateStore(store);
    setup = JSON.stringify({
      db: dbUrl,
      tenant: world.tenant,
      archer: emulatedArcher(emulators),
      phishing: phishingConfig(),
    });
  });

  // A report whose analysis was cut short waits out its backoff: a second, short enough to wait for.
  const phishingConfig = (more: Record<string, unknown> = {}) => ({
    mailboxes: [{ tenant: 't', mailbox: MAILBOX }],
    ownDomains: ['contoso-kill.example'],
    notify: { acknowledge: true },
    archer: { campaignKeyField: 'Message ID' },
    retryBaseSec: 1,
    ...more,
  });
  const backoff = () => new Promise((resolve) => setTimeout(resolve, 1100));
  after(async () => {
    await store.close();
    await emulators.close();
  });

  const points = [
    'after:fetched',
    'during:analysis',
    'after:analysed',
    'before-record-created',
    'after:cased',
    'after:notified',
  ];
  for (const point of points) {
    test(`killed at ${point}: 0 lost, 0 doubled`, async () => {
      const mid = `kill-${point.replace(/\W/g, '-')}@evil.example`;
      emulators.entraGraph.deliverMail(tenantId, MAILBOX, { mime: report('erin@contoso-kill.example', mid) });
      const killed = await runWorker({ GSOC_WORKER: setup, GSOC_KILL_AT: point });
      assert.equal(killed.signal, 'SIGKILL', killed.err.slice(-2000));
      if (point === 'during:analysis') await backoff();
      const resumed = await runWorker({ GSOC_WORKER: setup });
      assert.equal(resumed.code, 0, resumed.err.slice(-2000));
      const rows = await phishingDb(store.db).selectFrom('phishing_reports').selectAll().execute();
      assert.ok(
        rows.length > 0 && rows.every((r) => r.state === 'done'),
        JSON.stringify(rows.map((r) => [r.state, r.step, r.last_error])),
      );
      const archer = createArcherClient(emulatedArcher(emulators));
      try {
        const target = { application: 'Security Incidents', meta: new ArcherMetadata(archer) };
        const keys = new Set(rows.map((r) => r.campaign_key as string));
        for (const key of keys)
          assert.equal((await findRecordIds(archer, target, 'Message ID', key)).length, 1, key);
      } finally {
        await archer.close();
      }
    });
  }

  // Last: it leaves its report quarantined, where the tests above expect every report done.
  test('a mail that brings the worker down each time is quarantined after its attempts, not worked forever', async () => {
    const mid = 'kill-poison@evil.example';
    emulators.entraGraph.deliverMail(tenantId, MAILBOX, { mime: report('erin@contoso-kill.example', mid) });
    const poison = JSON.stringify({ ...JSON.parse(setup), phishing: phishingConfig({ maxAttempts: 2 }) });
    const row = () =>
      phishingDb(store.db)
        .selectFrom('phishing_reports')
        .selectAll()
        // Every report of the tests above is done.
        .where('state', '!=', 'done')
        .executeTakeFirstOrThrow();
    for (let kill = 1; kill <= 2; kill++) {
      const killed = await runWorker({ GSOC_WORKER: poison, GSOC_KILL_AT: 'during:analysis' });
      assert.equal(killed.signal, 'SIGKILL', killed.err.slice(-2000));
      const r = await row();
      assert.deepEqual([r.state, r.step, r.attempts], ['pending', 'fetched', kill]);
      // The backoff doubles (1 s, then 2 s from the attempt's start): wait until the report is due,
      // not a fixed second, or a worker that started quickly finds nothing due.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, Number(r.next_attempt_at) - Date.now()) + 100),
      );
    }
    // The third worker does not hand it to an analysis again: it would die the same way.
    const third = await runWorker({ GSOC_WORKER: poison, GSOC_KILL_AT: 'during:analysis' });
    assert.equal(third.code, 0, third.err.slice(-2000));
    const r = await row();
    assert.deepEqual([r.state, r.step, r.attempts], ['quarantined', 'fetched', 2]);
    assert.match(r.last_error ?? '', /did not end in 2 attempts/);
  });
});
