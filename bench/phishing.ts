// npm run bench:phishing (builds first, so worker threads and throughput are those of the installed
// CLI) — one JSON line: (a) analysis throughput of a typical 60 KB report beside bare postal-mime
// parsing; (b) reports arriving at BENCH_RATE per second to a running graphsoc driven by
// Graph change notifications, with report-to-incident latency; (c) the same number of reports waiting
// in the mailbox when graphsoc starts, as after an outage. Graph emulator at 10 ms latency.
// (d) `graphsoc phishing analyze` on a generated directory with --jobs 1 and --jobs 2 beside bare MIME
// parsing (bench/phishing-directory.ts). (e) issue 12's figures on the development corpus when it is
// here (detection, false positives, templates split, times a bare parse; bench:maildev has them all).
// BENCH_REPORTS (1000), BENCH_CAMPAIGNS (300), BENCH_RATE (10) change the run.
import { availableParallelism } from 'node:os';
import PostalMime from 'postal-mime';
import { directoryFigures } from './phishing-directory.js';
import { startEmulators } from '../emulators/index.js';
import {
  ArcherMetadata,
  createArcherClient,
  findRecordIds,
  readRecord,
} from '../src/connectors/archer/index.js';
import { analyzeReport } from '../src/phishing/analyze/index.js';
import { parseReport } from '../src/phishing/parse/index.js';
import { asItemAttachment, credentialPhish, seeded, withFiles } from '../test/phishing/corpus/index.js';
import { measureDevCorpus } from './mail-dev-measure.js';
import { emulatedArcher, mailTenant, startWebhookRuntime } from '../test/phishing/emulated-tenant.js';
import { LogCapture } from '../test/helpers/log-capture.js';
import { waitFor } from '../test/helpers/wait.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { phishingDb } from '../src/phishing/store/index.js';

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

/**
 * Reports of `campaigns` phishes through a running graphsoc (startRuntime, as `serve` runs it) that
 * hears of new mail only through Graph change notifications (polling hourly). `ratePerSec` delivers
 * them one by one (latency from the delivery until the report is done: in its Archer incident, mail
 * moved); without it they all wait in the mailbox before graphsoc starts, as after an outage.
 */
async function run(reportsWanted: number, campaignsWanted: number, ratePerSec?: number) {
  const emulators = await startEmulators({ entraGraph: { latencyMs: 10 } });
  const eg = emulators.entraGraph;
  const mailbox = 'phish@contoso-bench.example';
  const mail = mailTenant(emulators, { domain: 'contoso-bench.example', mailbox, name: 'bench' });
  const rng = seeded(13);
  const originals = Array.from({ length: campaignsWanted }, (_, i) =>
    credentialPhish(rng, { subject: `Account notice ${i}`, messageId: `<bench-${i}@evil.example>` }),
  );
  const report = (i: number) =>
    asItemAttachment(
      originals[i % campaignsWanted] as (typeof originals)[number],
      { name: `User ${i}`, address: `user${i}@contoso-bench.example` },
      `r${i}`,
    );
  if (ratePerSec === undefined) {
    const messages = Array.from({ length: reportsWanted }, (_, i) => ({ mime: report(i) }));
    eg.seedMail(mail.tenantId, { mailboxes: [{ user: mailbox, messages }] });
  }
  const t0 = Date.now();
  const runtime = await startWebhookRuntime(emulators, {
    mail,
    mailbox,
    pollEverySec: 3600,
    logDestination: new LogCapture(),
  });
  const db = runtime.store.db;
  const deliveredAt = new Map<string, number>();
  if (ratePerSec !== undefined) {
    await waitFor('subscribed', () =>
      eg.requests().some((r) => r.method === 'POST' && r.path.endsWith('/subscriptions')),
    );
    const start = Date.now();
    for (let i = 0; i < reportsWanted; i++) {
      const due = start + (i * 1000) / ratePerSec;
      if (due > Date.now()) await sleep(due - Date.now());
      deliveredAt.set(eg.deliverMail(mail.tenantId, mailbox, { mime: report(i) }).immutableId, Date.now());
    }
  }
  const rows = () =>
    phishingDb(db)
      .selectFrom('phishing_reports')
      .select(['message_id', 'state', 'updated_at', 'campaign_key'])
      .execute();
  await waitFor(
    'every report done',
    async () => {
      const r = await rows();
      return r.length === reportsWanted && r.every((x) => x.state !== 'pending');
    },
    { timeoutMs: 900_000, everyMs: 250 },
  );
  const done = await rows();
  const firstAt = ratePerSec === undefined ? t0 : Math.min(...deliveredAt.values());
  const wallSec = (Math.max(...done.map((r) => r.updated_at)) - firstAt) / 1000;
  const latency = done.flatMap((r) => {
    const at = deliveredAt.get(r.message_id);
    return at === undefined ? [] : [r.updated_at - at];
  });
  const graphRequests = eg.requests().filter((x) => x.host === 'graph').length;
  const archer = createArcherClient(emulatedArcher(emulators));
  const target = { application: 'Security Incidents', meta: new ArcherMetadata(archer) };
  let incidents = 0;
  let doubled = 0;
  // Reports the incidents say they hold ("Reports Received"): a report missing from its record is lost
  // to the analysts even when the database says done.
  let counted = 0;
  for (const k of new Set(done.map((r) => r.campaign_key as string))) {
    const ids = await findRecordIds(archer, target, 'Message ID', k);
    incidents += Math.min(ids.length, 1);
    doubled += Math.max(0, ids.length - 1);
    for (const id of ids) counted += Number((await readRecord(archer, target, id))['Reports Received'] ?? 0);
  }
  await archer.close();
  await runtime.stop();
  await emulators.close();
  return {
    reports: reportsWanted,
    campaigns: campaignsWanted,
    ...(ratePerSec !== undefined ? { arrivalsPerSec: ratePerSec } : {}),
    wallSec: Number(wallSec.toFixed(1)),
    reportsPerSec: Number((reportsWanted / wallSec).toFixed(1)),
    graphRequests,
    graphBudgetShare: Number((graphRequests / 10_000).toFixed(3)),
    incidentsCreated: incidents,
    doubled,
    lost: done.filter((r) => r.state !== 'done').length + Math.max(0, reportsWanted - done.length),
    reportsInIncidents: counted,
    ...(latency.length > 0
      ? { reportToIncidentMs: { p50: pct(latency, 50), p95: pct(latency, 95), max: pct(latency, 100) } }
      : {}),
  };
}

/**
 * Issue 12's figures on the development corpus when it is on this machine (bench:maildev has them all):
 * detection and false positives, templates split, analysis time beside a bare postal-mime parse.
 */
async function devCorpusFigures() {
  const m = await measureDevCorpus(availableParallelism());
  if ('skipped' in m) return { skipped: m.skipped };
  return {
    detectionPct: m.withMicrosoft.detectionPct,
    detectionWithoutMicrosoftPct: m.withoutMicrosoft.detectionPct,
    falsePositivePct: m.withMicrosoft.falsePositivePct,
    templates: m.campaigns.phish.templates,
    templatesSplit: m.campaigns.phish.templatesSplit,
    mixedCampaigns: m.campaigns.phish.mixedCampaigns,
    timesBareParse: m.speed.timesBareParse,
  };
}

const analysis = await analysisThroughput();
const reports = Number(process.env.BENCH_REPORTS ?? 1000);
const campaigns = Number(process.env.BENCH_CAMPAIGNS ?? 300);
const webhooks = await run(reports, campaigns, Number(process.env.BENCH_RATE ?? 10));
const backlog = await run(reports, campaigns);
// A phish sent to the whole company, reported by many: every report updates the same incident.
const oneCampaign = await run(reports, 1);
const directory = await directoryFigures();
const devCorpus = await devCorpusFigures();
console.log(
  JSON.stringify({ bench: 'phishing', analysis, webhooks, backlog, oneCampaign, directory, devCorpus }),
);
