// npm run bench:phishing (builds first, so worker threads and throughput are those of the installed
// CLI) — one JSON line: (a) analysis throughput of a typical 60 KB report beside bare postal-mime
// parsing; (b) reports arriving at BENCH_RATE per second to a running graphsoc driven by
// Graph change notifications, with report-to-incident latency; (c) the same number of reports as a
// backlog processed in one go. Graph emulator at 10 ms latency; Archer emulator local.
// (d) `graphsoc phishing analyze` on a generated directory with --jobs 1 and --jobs 2 beside bare MIME
// parsing (bench/phishing-directory.ts). BENCH_REPORTS (1000), BENCH_CAMPAIGNS (300), BENCH_RATE (10)
// change the run.
import PostalMime from 'postal-mime';
import { directoryFigures } from './phishing-directory.js';
import { startEmulators } from '../emulators/index.js';
import { ArcherMetadata, createArcherClient, findRecordIds } from '../src/connectors/archer/index.js';
import { createGraphClient } from '../src/connectors/microsoft/graph/index.js';
import { createTokenProvider } from '../src/connectors/microsoft/identity/index.js';
import { analyzeReport } from '../src/phishing/analyze/index.js';
import { syncFolder } from '../src/phishing/ingest/folder-sync.js';
import { parseReport } from '../src/phishing/parse/index.js';
import { processReport } from '../src/phishing/pipeline/process-report.js';
import { processedFolders } from '../src/phishing/pipeline/processed-folder.js';
import { CampaignStore, ReportStore } from '../src/phishing/store/index.js';
import { phishingSchema } from '../src/platform/config/index.js';
import { KvState, migrateToLatest, openDatabase } from '../src/platform/db/index.js';
import { asItemAttachment, credentialPhish, seeded, withFiles } from '../test/phishing/corpus/index.js';
import { tempDir } from '../test/helpers/tmp.js';
import { emulatedArcher, mailTenant, startWebhookRuntime } from '../test/phishing/emulated-tenant.js';
import { LogCapture } from '../test/helpers/log-capture.js';
import { waitFor } from '../test/helpers/wait.js';
import { setTimeout as sleep } from 'node:timers/promises';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN).toFixed(1));
};

async function analysisThroughput() {
  const rng = seeded(7);
  const pdf = new Uint8Array(42_000).map((_, i) => (i * 31 + 7) % 251);
  const raw = new Uint8Array(
    Buffer.from(
      withFiles(credentialPhish(rng), [{ name: 'invoice.pdf', contentType: 'application/pdf', bytes: pdf }]),
    ),
  );
  const timeFor = async (n: number, f: () => Promise<unknown>) => {
    for (let i = 0; i < 50; i++) await f();
    const t = performance.now();
    for (let i = 0; i < n; i++) await f();
    return (performance.now() - t) / n;
  };
  const N = 400;
  const bareMs = await timeFor(N, () => PostalMime.parse(raw, { forceRfc822Attachments: true }));
  const fullMs = await timeFor(N, async () => {
    const parsed = await parseReport(raw);
    if ('unparseable' in parsed) throw new Error(parsed.detail);
    return analyzeReport(parsed, { ownDomains: ['contoso.com'] });
  });
  return {
    reportBytes: raw.length,
    reportsPerSec: Number((1000 / fullMs).toFixed(0)),
    barePostalMimePerSec: Number((1000 / bareMs).toFixed(0)),
    ratioToBareParse: Number((fullMs / bareMs).toFixed(2)),
  };
}

async function pipeline(reportsWanted: number, campaignsWanted: number) {
  const emulators = await startEmulators({ entraGraph: { latencyMs: 10 } });
  const eg = emulators.entraGraph;
  const mailbox = 'phish@contoso-bench.example';
  const { tenantId, tenant } = mailTenant(emulators, { domain: 'contoso-bench.example', mailbox, name: 'b' });
  const rng = seeded(11);
  const originals = Array.from({ length: campaignsWanted }, (_, i) =>
    credentialPhish(rng, { subject: `Account notice ${i}`, messageId: `<bench-${i}@evil.example>` }),
  );
  const mails = Array.from({ length: reportsWanted }, (_, i) =>
    asItemAttachment(
      originals[i % campaignsWanted] as (typeof originals)[number],
      { name: `User ${i}`, address: `user${i}@contoso-bench.example` },
      `r${i}`,
    ),
  );
  eg.seedMail(tenantId, { mailboxes: [{ user: mailbox, messages: mails.map((mime) => ({ mime })) }] });
  const graph = createGraphClient(tenant, createTokenProvider(tenant));
  const archer = createArcherClient(emulatedArcher(emulators));

  const store = await openDatabase(`sqlite:${tempDir()}/bench.db`);
  await migrateToLatest(store);
  const config = phishingSchema.parse({
    mailboxes: [{ tenant: 'b', mailbox }],
    archer: { campaignKeyField: 'Message ID' },
  });
  const box = config.mailboxes[0] as (typeof config.mailboxes)[number];
  const reports = new ReportStore(store.db);
  const target = { application: 'Security Incidents', meta: new ArcherMetadata(archer) };
  const deps = {
    graph,
    db: store.db,
    reports,
    sink: { client: archer, target, mapping: config.archer, campaigns: new CampaignStore(store.db) },
    config,
    processedFolderId: processedFolders(() => graph),
  };
  eg.clearRequests();
  const t0 = performance.now();
  await syncFolder(graph, reports, new KvState(store.db), { mailbox, folder: 'inbox' });
  const perReport: number[] = [];
  for (const r of await reports.due(100_000, mailbox)) {
    const t = performance.now();
    await processReport(deps, box, r);
    perReport.push(performance.now() - t);
  }
  const wallSec = (performance.now() - t0) / 1000;
  const graphRequests = eg.requests().filter((x) => x.host === 'graph').length;
  const rows = await store.db.selectFrom('phishing_reports').select(['state', 'campaign_key']).execute();
  const keys = [...new Set(rows.map((r) => r.campaign_key as string))];
  let incidents = 0;
  let doubled = 0;
  for (const k of keys) {
    const ids = await findRecordIds(archer, target, 'Message ID', k);
    incidents += Math.min(ids.length, 1);
    doubled += Math.max(0, ids.length - 1);
  }
  const result = {
    reports: reportsWanted,
    campaigns: campaignsWanted,
    wallSec: Number(wallSec.toFixed(1)),
    reportsPerSec: Number((reportsWanted / wallSec).toFixed(1)),
    graphRequests,
    graphBudgetShare: Number((graphRequests / 10_000).toFixed(3)),
    incidentsCreated: incidents,
    doubled,
    lost: rows.filter((r) => r.state !== 'done').length + Math.max(0, reportsWanted - rows.length),
    processingMsPerReport: { p50: pct(perReport, 50), p95: pct(perReport, 95) },
  };
  await archer.close();
  await graph.close();
  await store.close();
  await emulators.close();
  return result;
}

/**
 * Reports arriving one by one at `ratePerSec` to a running graphsoc (startRuntime, as `serve` runs
 * it) that learns of them only through Graph change notifications (polling hourly). Latency is from
 * the delivery to the mailbox until the report is done: in its Archer incident, mail moved.
 */
async function webhookRun(reportsWanted: number, campaignsWanted: number, ratePerSec: number) {
  const emulators = await startEmulators({ entraGraph: { latencyMs: 10 } });
  const eg = emulators.entraGraph;
  const mailbox = 'phish@contoso-live.example';
  const mail = mailTenant(emulators, { domain: 'contoso-live.example', mailbox, name: 'live' });
  const runtime = await startWebhookRuntime(emulators, {
    mail,
    mailbox,
    pollEverySec: 3600,
    logDestination: new LogCapture(),
  });
  const db = runtime.store.db;
  await waitFor('subscribed', () =>
    eg.requests().some((r) => r.method === 'POST' && r.path.endsWith('/subscriptions')),
  );
  const rng = seeded(13);
  const originals = Array.from({ length: campaignsWanted }, (_, i) =>
    credentialPhish(rng, { subject: `Live notice ${i}`, messageId: `<live-${i}@evil.example>` }),
  );
  eg.clearRequests();
  const deliveredAt = new Map<string, number>();
  const t0 = Date.now();
  for (let i = 0; i < reportsWanted; i++) {
    const due = t0 + (i * 1000) / ratePerSec;
    if (due > Date.now()) await sleep(due - Date.now());
    const mime = asItemAttachment(
      originals[i % campaignsWanted] as (typeof originals)[number],
      { name: `User ${i}`, address: `user${i}@contoso-live.example` },
      `l${i}`,
    );
    deliveredAt.set(eg.deliverMail(mail.tenantId, mailbox, { mime }).immutableId, Date.now());
  }
  const done = () =>
    db.selectFrom('phishing_reports').select(['message_id', 'state', 'updated_at', 'campaign_key']).execute();
  await waitFor(
    'every report done',
    async () => {
      const rows = await done();
      return rows.length === reportsWanted && rows.every((r) => r.state !== 'pending');
    },
    { timeoutMs: 600_000, everyMs: 250 },
  );
  const rows = await done();
  const wallSec = (Math.max(...rows.map((r) => r.updated_at)) - t0) / 1000;
  const latency = rows.flatMap((r) => {
    const at = deliveredAt.get(r.message_id);
    return at === undefined ? [] : [r.updated_at - at];
  });
  const graphRequests = eg.requests().filter((x) => x.host === 'graph').length;
  const archer = createArcherClient(emulatedArcher(emulators));
  const target = { application: 'Security Incidents', meta: new ArcherMetadata(archer) };
  let incidents = 0;
  let doubled = 0;
  for (const k of new Set(rows.map((r) => r.campaign_key as string))) {
    const ids = await findRecordIds(archer, target, 'Message ID', k);
    incidents += Math.min(ids.length, 1);
    doubled += Math.max(0, ids.length - 1);
  }
  await archer.close();
  await runtime.stop();
  await emulators.close();
  return {
    reports: reportsWanted,
    campaigns: campaignsWanted,
    arrivalsPerSec: ratePerSec,
    wallSec: Number(wallSec.toFixed(1)),
    graphRequests,
    graphBudgetShare: Number((graphRequests / 10_000).toFixed(3)),
    incidentsCreated: incidents,
    doubled,
    lost: rows.filter((r) => r.state !== 'done').length + Math.max(0, reportsWanted - rows.length),
    reportToIncidentMs: { p50: pct(latency, 50), p95: pct(latency, 95), max: pct(latency, 100) },
  };
}

const analysis = await analysisThroughput();
const reports = Number(process.env.BENCH_REPORTS ?? 1000);
const campaigns = Number(process.env.BENCH_CAMPAIGNS ?? 300);
const webhooks = await webhookRun(reports, campaigns, Number(process.env.BENCH_RATE ?? 10));
const backlog = await pipeline(reports, campaigns);
const directory = await directoryFigures();
console.log(JSON.stringify({ bench: 'phishing', analysis, webhooks, backlog, directory }));
