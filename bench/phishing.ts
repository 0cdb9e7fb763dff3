import PostalMime from 'postal-mime';
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
import { emulatedArcher, mailTenant } from '../test/phishing/emulated-tenant.js';

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

const analysis = await analysisThroughput();
const run = await pipeline(
  Number(process.env.BENCH_REPORTS ?? 1000),
  Number(process.env.BENCH_CAMPAIGNS ?? 300),
);
console.log(JSON.stringify({ bench: 'phishing', analysis, pipeline: run }));
