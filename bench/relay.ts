// Benchmark of the relay's Graph Security module against the emulators (run: npm run bench:relay).
// The emulators run in a child process with 50 ms latency per Graph/Entra answer; the relay runs
// here. Requests carry 20 mixed observables. Compared with the seed's strategy, replayed against the
// same emulator: a fresh token per request, then one legacy /security/alerts call per observable,
// one after the other. Prints one JSON line.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { Agent, request } from 'undici';

const TENANT = '55555555-0000-4000-8000-000000000001';
const CLIENT = '66666666-0000-4000-8000-000000000001';
const SECRET = 'bench-relay-secret-0123456789';
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const OBSERVABLES = 20;

type Obs = { type: string; value: string };
type Evidence = {
  fileDetails?: { sha256?: string };
  ipAddress?: string;
  url?: string;
  deviceDnsName?: string;
};
type Msg = { op: string; id?: number; [k: string]: unknown };

async function emulatorChild(): Promise<void> {
  const { startEmulators, syntheticSecurityData } = await import('../emulators/index.js');
  const emulators = await startEmulators({ entraGraph: { latencyMs: LATENCY_MS } });
  const eg = emulators.entraGraph;
  eg.addTenant({ id: TENANT, displayName: 'Bench' });
  const roles = ['ThreatHunting.Read.All', 'SecurityAlert.Read.All', 'SecurityEvents.Read.All'];
  eg.registerApp({ tenantId: TENANT, clientId: CLIENT, secrets: [SECRET], roles: { graph: roles } });
  const data = syntheticSecurityData(2000, { tenantId: TENANT, seed: 11 });
  eg.seedSecurity(TENANT, data);
  // The real service allows at least 45 hunting calls per minute per tenant; the bench measures
  // latency, not the quota, so it lifts it.
  eg.setHuntingThrottle({ capacity: 100_000, refillPerSec: 10_000 });
  const pool: Obs[] = [];
  for (const a of data.alertsV2.slice(0, 300)) {
    for (const e of (a.evidence as Evidence[] | undefined) ?? []) {
      if (e.fileDetails?.sha256) pool.push({ type: 'sha256', value: e.fileDetails.sha256 });
      if (e.ipAddress) pool.push({ type: 'ip', value: e.ipAddress });
      if (e.url) pool.push({ type: 'url', value: e.url });
      if (e.deviceDnsName) pool.push({ type: 'hostname', value: e.deviceDnsName });
    }
  }
  process.on('message', async (m: Msg) => {
    if (m.op === 'sign') {
      const token = await emulators.securexJwks.sign({
        audience: m.audience as string,
        claims: {
          tenant_id: TENANT,
          application_id: CLIENT,
          client_secret: SECRET,
          CTR_ENTITIES_LIMIT: '100',
        },
      });
      process.send?.({ op: 'signed', id: m.id, token });
    } else if (m.op === 'log') {
      const log = eg.requests().filter((r) => !r.batched);
      eg.clearRequests();
      process.send?.({ op: 'log', id: m.id, log });
    }
  });
  process.send?.({
    op: 'ready',
    loginUrl: eg.loginUrl,
    graphUrl: eg.graphUrl,
    caPath: emulators.caPath,
    jwksHost: emulators.securexJwks.jwksHost,
    pool,
  });
  process.on('disconnect', () => void emulators.close().then(() => process.exit(0)));
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN).toFixed(1));
};

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--emulator'], {
    execArgv: import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : [],
    stdio: 'inherit',
  });
  let nextId = 0;
  const waiting = new Map<number | string, (m: Msg) => void>();
  child.on('message', (m: Msg) => {
    const key = m.id ?? m.op;
    waiting.get(key)?.(m);
    waiting.delete(key);
  });
  const ask = (msg: Msg) =>
    new Promise<Msg>((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      child.send({ ...msg, id });
    });
  const ready = await new Promise<Msg>((resolve) => waiting.set('ready', resolve));
  const pool = ready.pool as Obs[];

  const { relaySchema, startRelay } = await import('../src/relay/index.js');
  const { createLogger } = await import('../src/platform/log.js');
  const { legacyAlertFilter } = await import('../src/relay/modules/graph-security/queries/legacy-filter.js');
  const caFile = ready.caPath as string;
  const relayClient = new Agent();
  const upstreamLog = async () =>
    (await ask({ op: 'log' })).log as Array<{
      host: string;
      method: string;
      path: string;
    }>;
  const ROUNDS = 40;

  /** One relay server with `alertCacheSec`, measured over the same observables as every other run. */
  const measureModern = async (alertCacheSec: number) => {
    const config = relaySchema.parse({
      enabled: true,
      jwksHosts: [ready.jwksHost],
      caFile,
      graphSecurity: {
        authorityHost: ready.loginUrl,
        graphBaseUrl: ready.graphUrl,
        graphScope: 'https://graph.microsoft.com/.default',
        caFile,
        alertCacheSec,
      },
    });
    let url = '';
    const relay = startRelay({
      config,
      publicUrl: () => url,
      logger: createLogger({ level: 'silent' }),
      version: 'bench',
    });
    const server = Fastify();
    await relay.register(server);
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const token = (await ask({ op: 'sign', audience: url })).token as string;
    let cursor = 0;
    const batchOf = (n: number): Obs[] =>
      Array.from({ length: n }, () => pool[cursor++ % pool.length] as Obs);
    // Both sides are measured with the same lean client (undici.request over keep-alive
    // connections), so neither pays for fetch's WHATWG streams.
    const observe = async (obs: Obs[]) => {
      const t0 = performance.now();
      const res = await request(`${url}/relay/graph-security/observe/observables`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(obs),
        dispatcher: relayClient,
      });
      const body = (await res.body.json()) as {
        data?: { sightings?: { count: number } };
        errors?: Array<{ type: string }>;
      };
      if (body.errors?.some((e) => e.type === 'fatal'))
        throw new Error(`relay error: ${JSON.stringify(body.errors)}`);
      // The relay's own account: time its upstream calls were in flight, and the rest ("app").
      const timing = String(res.headers['server-timing'] ?? '');
      const appMs = Number(/app;dur=([\d.]+)/.exec(timing)?.[1] ?? Number.NaN);
      return { ms: performance.now() - t0, appMs, sightings: body.data?.sightings?.count ?? 0 };
    };

    // Warm up (JWKS, token, connections) on observables outside the measured sequence.
    await observe(pool.slice(-OBSERVABLES));
    await upstreamLog();
    const ms: number[] = [];
    const overhead: number[] = [];
    let upstreamRequests = 0;
    let sightings = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const r = await observe(batchOf(OBSERVABLES));
      const log = await upstreamLog();
      upstreamRequests += log.length;
      sightings += r.sightings;
      ms.push(r.ms);
      overhead.push(r.appMs);
      if (process.env.BENCH_DEBUG)
        console.error({ alertCacheSec, ms: Math.round(r.ms), appMs: r.appMs, upstream: log.length });
    }
    // Round trips for the largest request Threat Response may send (100 observables).
    await observe(batchOf(100));
    const big = await upstreamLog();
    const bigBatches = big.filter((e) => e.path.endsWith('/$batch')).length;
    const roundTrips100 =
      big.filter((e) => e.path.endsWith('/runHuntingQuery')).length +
      Math.ceil(bigBatches / config.graphSecurity.batchConcurrency);
    await server.close();
    await relay.close();
    return {
      stats: {
        alertCacheSec,
        requests: ROUNDS,
        p50Ms: pct(ms, 50),
        p99Ms: pct(ms, 99),
        sightingsPerRequest: Number((sightings / ROUNDS).toFixed(1)),
        upstreamRequestsPerRelayRequest: Number((upstreamRequests / ROUNDS).toFixed(2)),
        serverOverheadMs: { p50: pct(overhead, 50), p99: pct(overhead, 99) },
      },
      roundTrips100,
      nextObservables: batchOf,
    };
  };

  // The alert cache off first, so its run finds nothing cached; then the default configuration.
  const cold = await measureModern(0);
  const modern = await measureModern(60);
  const batchOf = modern.nextObservables;

  // The seed's strategy against the same emulator.
  const dispatcher = new Agent({ connect: { ca: readFileSync(caFile, 'utf8') } });
  const seedRequest = async (obs: Obs[]) => {
    const t0 = performance.now();
    const tokenRes = await request(`${ready.loginUrl}/${TENANT}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: CLIENT,
        client_secret: SECRET,
        grant_type: 'client_credentials',
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
      dispatcher,
    });
    const { access_token } = (await tokenRes.body.json()) as { access_token: string };
    for (const o of obs) {
      const filter = legacyAlertFilter(o.type, o.value);
      if (!filter) continue;
      const u = new URL(`${ready.graphUrl}/v1.0/security/alerts`);
      u.searchParams.set('$filter', filter);
      u.searchParams.set('$top', '100');
      const res = await request(u, { headers: { authorization: `Bearer ${access_token}` }, dispatcher });
      await res.body.arrayBuffer();
    }
    return performance.now() - t0;
  };
  await seedRequest(batchOf(2));
  const seed: number[] = [];
  for (let i = 0; i < 12; i++) seed.push(await seedRequest(batchOf(OBSERVABLES)));
  await upstreamLog();

  const seedP50 = pct(seed, 50);
  console.log(
    JSON.stringify({
      bench: 'relay',
      observablesPerRequest: OBSERVABLES,
      emulatorLatencyMs: LATENCY_MS,
      modern: modern.stats,
      modernNoAlertCache: cold.stats,
      seedStrategy: { requests: seed.length, p50Ms: seedP50, p99Ms: pct(seed, 99) },
      speedupP50: Number((seedP50 / modern.stats.p50Ms).toFixed(1)),
      speedupP50NoAlertCache: Number((seedP50 / cold.stats.p50Ms).toFixed(1)),
      upstreamRequestsPerRelayRequest: modern.stats.upstreamRequestsPerRelayRequest,
      upstreamRoundTripsFor100Observables: Math.max(cold.roundTrips100, modern.roundTrips100),
      serverOverheadMs: modern.stats.serverOverheadMs,
    }),
  );
  await dispatcher.close();
  await relayClient.close();
  child.disconnect();
}

if (process.argv.includes('--emulator')) await emulatorChild();
else await main();
