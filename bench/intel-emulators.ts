// The emulator side of `npm run bench:intel`, run in a child process so the sync's peak RSS is its
// own (the emulated Sentinel workspace alone holds a million STIX objects). It starts TruSTAR with the
// generated corpus and the Entra/Graph emulator with Sentinel and Defender, all at the bench's time
// scale, and answers the parent's questions over IPC: request counts, corpus changes, and the
// read-back that tells lost and doubled indicators.
import { startEmulators } from '../emulators/index.js';

export const BENCH_TENANT = '7e57b3c4-0000-4000-8000-000000000013';
export const BENCH_CLIENT = '7e57b3c4-0000-4000-8000-0000000000c1';
export const BENCH_SECRET = 'bench-intel-secret-0123456789';
export const BENCH_WORKSPACE = '7e57b3c4-0000-4000-8000-0000000000a5';

export interface ChildStart {
  size: number;
  timeScale: number;
  corpusEndMs: number;
  corpusSpanMs: number;
}

export type Msg = { op: string; id?: number; [k: string]: unknown };

/** Upload calls and 429s each sink's emulator counted since it started. */
export interface SinkTraffic {
  sentinelUploads: number;
  sentinel429: number;
  defenderImports: number;
  defenderDeletes: number;
  defender429: number;
}

/** Types Defender takes (policy/sinks.ts), as TruSTAR names them. */
const DEFENDER_TAKES = new Set(['URL', 'DOMAIN', 'IP4', 'IP6', 'SHA256', 'SHA1', 'MD5']);

export async function emulatorChild(start: ChildStart): Promise<void> {
  const emulators = await startEmulators({
    trustar: {
      corpusSize: start.size,
      corpusEndMs: start.corpusEndMs,
      corpusSpanMs: start.corpusSpanMs,
      // TruSTAR's documented per-user limit and quota, compressed like the sinks' limits.
      limits: { perMinute: 60, dailyQuota: 3000, timeScale: start.timeScale },
    },
    entraGraph: { sentinelRate: { perMinute: 100, timeScale: start.timeScale } },
  });
  const eg = emulators.entraGraph;
  const tr = emulators.trustar;
  eg.addTenant({ id: BENCH_TENANT, displayName: 'Bench' });
  eg.registerApp({
    tenantId: BENCH_TENANT,
    clientId: BENCH_CLIENT,
    secrets: [BENCH_SECRET],
    roles: { graph: [], defender: ['Ti.ReadWrite.All'] },
  });
  eg.addSentinelWorkspace({
    tenantId: BENCH_TENANT,
    workspaceId: BENCH_WORKSPACE,
    contributors: [BENCH_CLIENT],
  });
  eg.setDefenderRateLimit({ perMinute: 100, perHour: 1500, bulkPerMinute: 30, timeScale: start.timeScale });

  const traffic = (): SinkTraffic => {
    const s = eg.sentinelRequests();
    const d = eg.defenderStats(BENCH_TENANT);
    return {
      sentinelUploads: s.requests,
      sentinel429: s.throttled,
      defenderImports: d.calls['indicators-import'] ?? 0,
      defenderDeletes: d.calls['indicators-batchdelete'] ?? 0,
      defender429: d.throttled,
    };
  };

  // Defender writes per (type, value) at the last snapshot: a key written twice within one run is doubled.
  let writesBefore = new Map<string, number>();
  let sentinel: Map<string, number> | undefined;
  const seen = new Set<string>();

  const answer = (m: Msg): Record<string, unknown> => {
    switch (m.op) {
      case 'traffic':
        return { traffic: traffic() };
      case 'writesDiff': {
        const now = new Map(Object.entries(eg.defenderStats(BENCH_TENANT).writes));
        let keys = 0;
        let twice = 0;
        for (const [k, n] of now) {
          const d = n - (writesBefore.get(k) ?? 0);
          if (d > 0) keys++;
          if (d > 1) twice++;
        }
        writesBefore = now;
        return { keys, twice };
      }
      case 'change': {
        // `count` observables from index `from` on, every `step`-th, Defender types only if asked:
        // new tags and a later lastSeen, as TruSTAR shows an observable seen again.
        const out: Array<{ type: string; value: string }> = [];
        let i = m.from as number;
        while (out.length < (m.count as number) && i < start.size) {
          const o = tr.observableAt(i);
          if (o && (!m.defenderOnly || DEFENDER_TAKES.has(o.type))) {
            tr.updateObservable({
              ref: { index: i },
              tags: ['bench-changed', `run-${m.run}`],
              lastSeen: m.lastSeen as number,
            });
            out.push({ type: o.type, value: o.value });
          }
          i += m.step as number;
        }
        return { changed: out };
      }
      case 'sentinelCheck': {
        // Expected ids with their versions, in chunks; the first chunk indexes the workspace once.
        if (m.first || sentinel === undefined) {
          sentinel = new Map();
          for (const o of eg.sentinelObjects(BENCH_WORKSPACE))
            sentinel.set(o.id, o.revoked ? -o.versions : o.versions);
          seen.clear();
        }
        let lost = 0;
        let doubled = 0;
        let revoked = 0;
        for (const [id, versions] of m.expected as Array<[string, number]>) {
          const v = sentinel.get(id);
          if (v === undefined) lost++;
          else {
            if (v < 0) revoked++;
            if (Math.abs(v) > versions) doubled++;
            seen.add(id);
          }
        }
        return { lost, doubled, revoked, stored: sentinel.size, unexpected: sentinel.size - seen.size };
      }
      case 'defenderCheck': {
        const held = eg.defenderData(BENCH_TENANT).indicators;
        const keys = new Map<string, number>();
        for (const i of held) {
          const k = `${String(i.indicatorType)}|${String(i.indicatorValue).toLowerCase()}`;
          keys.set(k, (keys.get(k) ?? 0) + 1);
        }
        const expected = new Set(m.expected as string[]);
        let lost = 0;
        for (const k of expected) if (!keys.has(k)) lost++;
        let unexpected = 0;
        let storedTwice = 0;
        for (const [k, n] of keys) {
          if (!expected.has(k)) unexpected++;
          if (n > 1) storedTwice++;
        }
        return { held: held.length, lost, unexpected, storedTwice };
      }
      default:
        throw new Error(`unknown op ${m.op}`);
    }
  };

  process.on('message', (m: Msg) => {
    try {
      process.send?.({ ...answer(m), op: m.op, id: m.id });
    } catch (e) {
      process.send?.({ op: m.op, id: m.id, error: (e as Error).message });
    }
  });
  process.send?.({
    op: 'ready',
    loginUrl: eg.loginUrl,
    graphUrl: eg.graphUrl,
    defenderUrl: eg.defenderUrl,
    sentinelUrl: eg.sentinelUrl,
    trustarUrl: tr.url,
    enclaveIds: tr.enclaveIds,
    caPath: emulators.caPath,
  });
  process.on('disconnect', () => void emulators.close().then(() => process.exit(0)));
}
