import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { launchSandbox, type RunningSandbox } from '../../src/cli/sandbox.js';
import { sandboxConsoleUser, sandboxReports } from '../../src/sandbox/index.js';
import { sessionCookie } from '../helpers/admin-console.js';
import { signInConsole } from '../helpers/console-sign-in.js';
import { LogCapture } from '../helpers/log-capture.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { phishingDb } from '../../src/phishing/store/index.js';

/** Another user reporting the first seeded phish: a new report mail (its own Message-ID). */
function anotherReport(r: RunningSandbox, id: string): string {
  const [seeded] = sandboxReports(r.sandbox.tenant.domain);
  const mime = (seeded as string).replace(/^Message-ID: <[^>]+>/m, `Message-ID: <${id}@reports.example>`);
  assert.notEqual(mime, seeded);
  return mime;
}

describe('sandbox: graphsoc against the emulated tenant', () => {
  let running: RunningSandbox;
  const log = new LogCapture();

  before(async () => {
    running = await launchSandbox({ port: 0, dataDir: tempDir(), logLevel: 'debug', logDestination: log });
  });
  after(() => running.stop());

  /** The operator pages (console, /readyz, /metrics) are on the admin listener; the console signed in as the sandbox's viewer. */
  let cookie = '';
  const get = async (path: string) => {
    if (!cookie && !path.startsWith('/readyz') && !path.startsWith('/metrics'))
      cookie = (
        await signInConsole(running.runtime.adminUrl, sandboxConsoleUser(running.sandbox.tenant, 'viewer'), {
          ca: running.sandbox.emulators.entraGraph.caPem,
        })
      ).cookie;
    return fetch(`${running.runtime.adminUrl}${path}`, { headers: cookie ? { cookie } : {} });
  };

  test('/healthz answers and /readyz turns ready once the tenant check has a token and Graph answers', async () => {
    assert.equal((await fetch(`${running.runtime.url}/healthz`)).status, 200);
    const body = await waitFor('tenant check ok', async () => {
      const res = await get('/readyz');
      const b = (await res.json()) as {
        status: string;
        dependencies: Array<{ name: string; state: string }>;
      };
      return (
        res.status === 200 &&
        b.dependencies.find((c) => c.name === 'tenant:sandbox:graph')?.state === 'ok' &&
        b
      );
    });
    assert.equal(body.status, 'ready');
  });

  test('the tenant check really went through the emulators: token request and GET /organization', () => {
    const log = running.sandbox.emulators.entraGraph.requests();
    assert.ok(
      log.some((r) => r.method === 'POST' && r.path.endsWith('/oauth2/v2.0/token') && r.status === 200),
    );
    assert.ok(log.some((r) => r.path.endsWith('/organization') && r.status === 200));
  });

  test('/metrics counts outside calls to Graph and Entra', async () => {
    const text = await (await get('/metrics')).text();
    const has = (re: RegExp) => assert.ok(re.test(text), `no ${re} in /metrics`);
    has(/graphsoc_outside_calls_total\{[^}]*service="graph"[^}]*outcome="200"\} [1-9]/);
    has(/graphsoc_outside_calls_total\{[^}]*service="entra"[^}]*outcome="200"\} [1-9]/);
    has(/graphsoc_http_requests_total\{[^}]*route="\/readyz"/);
  });

  test('the housekeeping unit is owned by this instance through a lease', async () => {
    const html = await waitFor('lease on the platform page', async () => {
      const h = await (await get('/platform')).text();
      return h.includes('data-row="housekeeping"') && h;
    });
    assert.match(html, /\(this instance\)/);
  });

  test('the sandbox client secret never reaches a log line, but the banner shows it', () => {
    const secret = running.sandbox.tenant.clientSecret;
    assert.ok(log.lines.length > 5, 'debug logging produced lines');
    assert.ok(!log.text.includes(secret), 'secret found in the log');
    assert.ok(running.banner.includes(secret));
    assert.ok(running.banner.includes(`${running.runtime.url}/`));
    assert.ok(running.banner.includes(`${running.runtime.adminUrl}/`));
  });

  test("the relay answers the banner's example request with sightings from the seeded Defender alerts", async () => {
    const token = await running.sandbox.relayToken(running.runtime.url);
    const res = await fetch(`${running.runtime.url}/relay/graph-security/observe/observables`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([running.sandbox.sampleObservable]),
    });
    const body = (await res.json()) as { data?: { sightings?: { count: number } }; errors?: unknown };
    assert.ok((body.data?.sightings?.count ?? 0) >= 1, JSON.stringify(body).slice(0, 500));
    assert.ok(running.banner.includes(running.sandbox.sampleObservable.value));
  });

  test('the phishing job files the seeded reports as three Archer incidents and acknowledges each reporter', async () => {
    const archer = running.sandbox.emulators.archer;
    const eg = running.sandbox.emulators.entraGraph;
    await waitFor(
      'seven reports done',
      async () => {
        const rows = await phishingDb(running.runtime.store.db)
          .selectFrom('phishing_reports')
          .select(['state'])
          .execute();
        return rows.length === 7 && rows.every((r) => r.state === 'done');
      },
      { timeoutMs: 60_000 },
    );
    const keys = await phishingDb(running.runtime.store.db)
      .selectFrom('phishing_campaigns')
      .select(['key', 'archer_content_id', 'report_count'])
      .execute();
    assert.deepEqual(keys.map((k) => k.report_count).sort(), [1, 2, 3]);
    assert.ok(keys.every((k) => k.archer_content_id !== null));
    assert.equal(new Set(keys.map((k) => k.archer_content_id)).size, 3);
    assert.ok(archer.requests().some((r) => r.method === 'POST' && r.path.endsWith('/core/content')));
    assert.equal(
      eg.sentMail().filter((m) => m.tenantId === running.sandbox.tenant.tenantId.toLowerCase()).length,
      7,
      'every reporter is answered, the "Not junk" one too',
    );
    assert.ok(running.banner.includes(running.sandbox.reportMailbox));
    assert.match(
      running.banner,
      /Archer login {3}instance Archer, user apiuser, password \S+ {3}\(sandbox only\)/,
    );
    assert.ok(running.banner.includes(`${archer.url}/contentapi/Security_Incidents`));
    const html = await (await get('/')).text();
    assert.match(
      html,
      /6 reports filed as 3 campaigns, 1 not filed by their report kind, 0 in progress, 0 quarantined/,
    );
    const metrics = await (await get('/metrics')).text();
    const done = /graphsoc_phishing_reports_total\{outcome="done"\} (\d+)/.exec(metrics)?.[1];
    assert.ok(Number(done) >= 6, `reports done in /metrics: ${done}`);
    assert.match(metrics, /graphsoc_phishing_report_seconds_count \d+/);
    assert.match(await (await get('/phishing/quarantine')).text(), /No report is quarantined\./);
  });

  test('a report delivered while the sandbox runs reaches graphsoc by webhook and joins its campaign', async () => {
    const eg = running.sandbox.emulators.entraGraph;
    eg.deliverMail(running.sandbox.tenant.tenantId, running.sandbox.reportMailbox, {
      mime: anotherReport(running, 'again-1'),
    });
    await waitFor('the eighth report done', async () => {
      const rows = await phishingDb(running.runtime.store.db)
        .selectFrom('phishing_reports')
        .select(['state'])
        .execute();
      return rows.length === 8 && rows.every((r) => r.state === 'done');
    });
    const notified = eg.mailNotifications().filter((n) => n.kind === 'notification');
    assert.ok(notified.length >= 1 && notified.every((n) => n.status === 202), JSON.stringify(notified));
    assert.ok(notified.every((n) => n.url === `${running.runtime.url}/webhooks/graph/mail`));
    const campaigns = await phishingDb(running.runtime.store.db)
      .selectFrom('phishing_campaigns')
      .select('report_count')
      .execute();
    assert.equal(campaigns.length, 3, 'the same phish again is no new incident');
    assert.ok(running.banner.includes('/_emulator/mail/deliver'));
  });

  test('refer, respond and tiles answer from the same token and the emulated Defender', async () => {
    const token = await running.sandbox.relayToken(running.runtime.url);
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${running.runtime.url}/relay/graph-security${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { data?: unknown; errors?: Array<{ type: string }> };
    };
    const machine = running.sandbox.sampleMachine;
    assert.ok(machine, 'the synthetic alerts carry Defender machines');
    const respond = await post('/respond/observables', [machine]);
    assert.equal(respond.errors, undefined, JSON.stringify(respond).slice(0, 500));
    assert.ok((respond.data as unknown[]).length >= 2, 'isolate and scan at least');
    const refer = await post('/refer/observables', [running.sandbox.sampleObservable]);
    assert.ok((refer.data as unknown[]).length >= 2);
    const tile = await post('/tiles/tile-data', { tile_id: 'alerts-by-severity', period: 'last_30_days' });
    assert.equal(tile.errors, undefined, JSON.stringify(tile).slice(0, 500));
    assert.ok(running.banner.includes('/tiles/tile-data'));
  });
});

describe('sandbox with alerts exported from a tenant (--alerts)', () => {
  let running: RunningSandbox;
  const hash = 'f'.repeat(64);

  before(async () => {
    const dir = tempDir();
    // As `GET /security/alerts_v2` returns them: a collection, another tenant's id, extra properties.
    writeFileSync(
      join(dir, 'alerts_v2.json'),
      JSON.stringify({
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2',
        value: [
          {
            id: 'da-exported-1',
            tenantId: '00000000-1111-2222-3333-444444444444',
            title: 'Exported alert',
            severity: 'high',
            status: 'new',
            serviceSource: 'microsoftDefenderForEndpoint',
            createdDateTime: new Date(Date.now() - 3_600_000).toISOString(),
            lastUpdateDateTime: new Date().toISOString(),
            evidence: [
              {
                '@odata.type': '#microsoft.graph.security.fileEvidence',
                createdDateTime: new Date(Date.now() - 3_600_000).toISOString(),
                verdict: 'malicious',
                fileDetails: { sha256: hash, fileName: 'payload.exe' },
              },
            ],
          },
        ],
      }),
    );
    running = await launchSandbox({ port: 0, dataDir: tempDir(), alertsDir: dir, logLevel: 'silent' });
  });
  after(() => running.stop());

  test("the exported alert is the banner's example and the relay finds it", async () => {
    assert.deepEqual(running.sandbox.sampleObservable, { type: 'sha256', value: hash });
    const token = await running.sandbox.relayToken(running.runtime.url);
    const res = await fetch(`${running.runtime.url}/relay/graph-security/observe/observables`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ type: 'sha256', value: hash }]),
    });
    const body = (await res.json()) as { data?: { sightings?: { docs: Array<{ external_ids: string[] }> } } };
    assert.deepEqual(
      body.data?.sightings?.docs.map((d) => d.external_ids[0]),
      ['da-exported-1'],
    );
  });
});

describe('sandbox restarted on the same data directory', () => {
  // Both sides start afresh: new emulators (tenant, secret, CA, ports, an empty Archer) and a new
  // database, so the seeded reports become incidents again and the dashboard counts what Archer has.
  const dataDir = tempDir();
  let running: RunningSandbox | undefined;
  after(() => running?.stop());

  const reportsDone = (r: RunningSandbox, n: number) =>
    waitFor(
      `${n} reports done`,
      async () => {
        const rows = await phishingDb(r.runtime.store.db)
          .selectFrom('phishing_reports')
          .select(['state'])
          .execute();
        return rows.length === n && rows.every((x) => x.state === 'done');
      },
      { timeoutMs: 60_000 },
    );
  const campaigns = (r: RunningSandbox) =>
    phishingDb(r.runtime.store.db)
      .selectFrom('phishing_campaigns')
      .select(['key', 'archer_content_id', 'report_count'])
      .orderBy('key')
      .execute();

  test("files the seeded reports again as incidents of the new Archer, which the banner's commands list", async () => {
    const first = await launchSandbox({ port: 0, dataDir, logLevel: 'silent' });
    await reportsDone(first, 7);
    await first.stop();

    const log = new LogCapture();
    running = await launchSandbox({ port: 0, dataDir, logLevel: 'warn', logDestination: log });
    const r = running;
    const eg = r.sandbox.emulators.entraGraph;
    await reportsDone(r, 7);
    assert.equal(eg.sentMail(r.sandbox.tenant.tenantId).length, 7, 'every seeded report answered again');
    const html = await (
      await fetch(`${r.runtime.adminUrl}/`, { headers: { cookie: await sessionCookie(r.runtime.store) } })
    ).text();
    assert.match(html, /6 reports filed as 3 campaigns, 1 not filed by their report kind/);

    // What the banner says to run lists exactly the incidents the database counts.
    const listed = await incidentsByBanner(r.banner);
    const rows = await campaigns(r);
    assert.deepEqual(
      listed.map((i) => [i.Message_ID, i.Security_Incidents_Id, i.Reports_Received]).sort(),
      rows.map((c) => [c.key, c.archer_content_id, c.report_count]).sort(),
    );
    assert.deepEqual(rows.map((c) => c.report_count).sort(), [1, 2, 3]);

    eg.deliverMail(r.sandbox.tenant.tenantId, r.sandbox.reportMailbox, { mime: anotherReport(r, 'again-2') });
    await reportsDone(r, 8);
    const notified = eg.mailNotifications().filter((n) => n.kind === 'notification');
    assert.ok(notified.length >= 1 && notified.every((n) => n.status === 202), JSON.stringify(notified));
    assert.deepEqual((await campaigns(r)).map((c) => c.report_count).sort(), [1, 2, 4]);
    const problems = log.records().filter((x) => Number(x.level) >= 40);
    assert.deepEqual(problems, [], 'nothing of the previous run is in the way');
  });
});

/**
 * Runs the commands the banner prints to list the emulated Archer's incidents (in a shell of its own:
 * the emulators answer from this process); returns the rows.
 */
async function incidentsByBanner(banner: string): Promise<Array<Record<string, unknown>>> {
  const lines = banner.split('\n');
  const from = lines.findIndex((l) => l.includes('list them with:'));
  const to = lines.findIndex((l, i) => i > from && !l.startsWith('      '));
  assert.ok(from >= 0 && to > from + 1, banner);
  const script = lines.slice(from + 1, to).join('\n');
  const { stdout } = await promisify(execFile)('bash', ['-c', script], { timeout: 30_000 });
  return (JSON.parse(stdout) as { value: Array<Record<string, unknown>> }).value;
}
