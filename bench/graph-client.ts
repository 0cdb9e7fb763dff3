// Benchmark of the Graph client against the Entra/Graph emulator (run: npm run bench:graph).
// The emulator runs in a child process so the peak RSS is the client's own; `npm run bench:graph`
// runs the compiled JavaScript (dist/), as production does, because the tsx loader alone adds ~45 MB. Phase 1 pages through
// 100,000 users with $top=100; phase 2 reads 1,000 users through $batch while the emulator throttles
// a third of the items (429 + Retry-After: 1). Prints one JSON line.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const TENANT_ID = '33333333-0000-0000-0000-000000000001';
const CLIENT_ID = '44444444-0000-0000-0000-000000000001';
const SECRET = 'bench-secret-value-0123456789';
const USERS = 100_000;

type Command = { op: 'counts' } | { op: 'clear' } | { op: 'throttleBatch' } | { op: 'clearFaults' };
interface Counts {
  graph: number;
  batches: number;
  token: number;
  metadata: number;
  item429: number;
}

async function emulatorChild(): Promise<void> {
  const { startEntraGraphEmulator } = await import('../emulators/microsoft/index.js');
  const emu = await startEntraGraphEmulator({ latencyMs: 10 });
  emu.addTenant({ id: TENANT_ID, displayName: 'Bench' });
  emu.registerApp({
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    secrets: [SECRET],
    roles: { graph: ['User.Read.All'] },
  });
  emu.generateUsers(TENANT_ID, USERS);
  process.on('message', (m: Command) => {
    const log = emu.requests();
    const counts: Counts = {
      graph: log.filter((r) => r.host === 'graph' && !r.batched).length,
      batches: log.filter((r) => r.host === 'graph' && !r.batched && r.path.endsWith('$batch')).length,
      token: log.filter((r) => r.method === 'POST' && r.path.endsWith('/token')).length,
      metadata: log.filter((r) => r.host === 'login' && r.method === 'GET').length,
      item429: log.filter((r) => r.batched && r.status === 429).length,
    };
    if (m.op === 'clear') emu.clearRequests();
    if (m.op === 'clearFaults') emu.clearFaults();
    if (m.op === 'throttleBatch')
      emu.addFault({ batchItem: true, status: 429, retryAfterSec: 1, ratio: 1 / 3 });
    process.send?.({ op: m.op, counts });
  });
  process.send?.({ op: 'ready', loginUrl: emu.loginUrl, graphUrl: emu.graphUrl, caPath: emu.caPath });
  process.on('disconnect', () => void emu.close().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--emulator'], {
    execArgv: import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : [],
    stdio: 'inherit',
  });
  type Reply = { op: string; counts?: Counts; loginUrl?: string; graphUrl?: string; caPath?: string };
  const replies: Array<(m: Reply) => void> = [];
  child.on('message', (m) => replies.shift()?.(m as Reply));
  const next = () => new Promise<Reply>((r) => replies.push(r));
  const ask = async (op: Command['op']) => {
    const p = next();
    child.send({ op });
    return (await p).counts as Counts;
  };
  const ready = await next();

  const { tenantSchema } = await import('../src/platform/config/tenant.js');
  const { createTokenProvider } = await import('../src/connectors/microsoft/identity/index.js');
  const { createGraphClient } = await import('../src/connectors/microsoft/graph/index.js');
  const tenant = tenantSchema.parse({
    name: 'bench',
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    authorityHost: ready.loginUrl,
    graphBaseUrl: ready.graphUrl,
    caFile: ready.caPath,
  });
  const tokens = createTokenProvider(tenant, { scopes: { graph: 'https://graph.microsoft.com/.default' } });
  const graph = createGraphClient(tenant, tokens, { batchConcurrency: 4 });
  const user = z.object({ id: z.string() });

  // Phase 1: paging.
  const baselineRss = process.memoryUsage().rss;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const ids: string[] = [];
  let items = 0;
  let pages = 0;
  const started = performance.now();
  for await (const page of graph.pages('/users', { query: { $top: 100, $select: 'id' }, item: user })) {
    pages++;
    items += page.length;
    for (const u of page) if (ids.length < 1000) ids.push(u.id);
    if (process.env.BENCH_DEBUG && pages % 100 === 0) {
      const m = process.memoryUsage();
      console.error(
        pages,
        Math.round(m.rss / 1e6),
        Math.round(m.heapUsed / 1e6),
        Math.round(m.heapTotal / 1e6),
        Math.round(m.external / 1e6),
        Math.round(m.arrayBuffers / 1e6),
      );
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const pagingSec = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const paging = await ask('clear');

  // Phase 2: $batch under per-item throttling.
  await ask('throttleBatch');
  const batchStarted = performance.now();
  const results = await graph.batch(
    ids.map((id) => ({ method: 'GET' as const, url: `/users/${id}?$select=id` })),
  );
  const batchSec = (performance.now() - batchStarted) / 1000;
  const batch = await ask('clearFaults');
  await ask('clear');
  if (process.env.BENCH_DEBUG)
    console.error(
      results
        .filter((r, i) => r.status !== 200 || (r.body as { id?: string }).id !== ids[i])
        .map((r) => [r.status, r.attempts, JSON.stringify(r.body).slice(0, 200)]),
    );
  const batchLost = results.filter(
    (r, i) => r.status !== 200 || (r.body as { id?: string }).id !== ids[i],
  ).length;

  const pagingMin = Math.ceil(USERS / 100) + 1;
  const pagingMade = paging.graph + paging.token + paging.metadata;
  console.log(
    JSON.stringify({
      bench: 'graph-client',
      paging: {
        items,
        pages,
        seconds: Number(pagingSec.toFixed(2)),
        itemsPerSec: Math.round(items / pagingSec),
        requests: pagingMade,
        minRequests: pagingMin,
        ratio: Number((pagingMade / pagingMin).toFixed(3)),
        itemsLost: USERS - items,
        peakRssMb: Math.round(peakRss / 1024 / 1024),
        baselineRssMb: Math.round(baselineRss / 1024 / 1024),
      },
      batch: {
        items: results.length,
        seconds: Number(batchSec.toFixed(2)),
        batchRequests: batch.batches,
        minBatchRequests: Math.ceil(ids.length / 20),
        item429s: batch.item429,
        itemsLost: batchLost,
      },
    }),
  );
  await graph.close();
  child.disconnect();
}

if (process.argv.includes('--emulator')) await emulatorChild();
else await main();
