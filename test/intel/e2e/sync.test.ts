// The threat-intel sync end to end over HTTPS against the emulators: TruSTAR (and a TAXII 2.1
// collection) into Sentinel, Defender and Graph tiIndicators. What each sink holds is read back from
// the emulator and compared with what the policy says it should hold: nothing lost, nothing doubled,
// after kills at every stage, 429 storms, 5xx, an expired token and per-record refusals.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalValue } from '../../../src/intel/sinks/defender.js';
import { stixId } from '../../../src/intel/convert/stix.js';
import type { Indicator } from '../../../src/intel/model/indicator.js';
import { compilePolicy } from '../../../src/intel/policy/compile.js';
import { decide } from '../../../src/intel/policy/decide.js';
import { intelDb } from '../../../src/intel/store/tables.js';
import type { SinkName } from '../../../src/intel/config.js';
import { startWorld, syncOnce, type World } from './setup.js';

/** The keys the policy sends to `sink`, from the local copy of every source. */
async function expected(w: World, sink: SinkName, nowMs = Date.now()): Promise<Map<string, Indicator>> {
  const policy = compilePolicy(sink, w.config.intel.sinks[sink].policy);
  const rows = await intelDb(w.db.store.db)
    .selectFrom('intel_indicators')
    .select(['key', 'indicator'])
    .execute();
  const out = new Map<string, Indicator>();
  for (const r of rows) {
    const i = JSON.parse(r.indicator) as Indicator;
    if (decide(i, policy, nowMs).kind === 'send') out.set(r.key, i);
  }
  return out;
}

/** What each sink holds, read back from the emulators, against what it should hold. */
async function audit(w: World) {
  const tenantId = w.tenant.tenantId;
  const sentinel = w.emulators.entraGraph.sentinelObjects(w.workspaceId).filter((o) => !o.revoked);
  const wantSentinel = new Set([...(await expected(w, 'sentinel')).values()].map((i) => stixId(i)));
  const heldSentinel = new Set(sentinel.map((o) => o.id));
  const defender = w.emulators.entraGraph.defenderData(tenantId).indicators as Array<{
    indicatorType: string;
    indicatorValue: string;
  }>;
  const wantDefender = new Set(
    [...(await expected(w, 'defender')).values()].map((i) => `${i.type}|${i.value}`),
  );
  const heldDefender = defender.map((d) => canonicalValue(d.indicatorType, d.indicatorValue));
  const graphCounts = w.emulators.entraGraph.tiIndicatorCounts(tenantId);
  const wantGraph = new Set((await expected(w, 'graph')).keys());
  const lost = (want: Set<string>, held: Set<string | undefined>) =>
    [...want].filter((k) => !held.has(k)).length;
  const extra = (want: Set<string>, held: Iterable<string | undefined>) =>
    [...held].filter((k) => !want.has(k as string)).length;
  return {
    sentinel: {
      want: wantSentinel.size,
      lost: lost(wantSentinel, heldSentinel),
      extra: extra(wantSentinel, heldSentinel),
    },
    defender: {
      want: wantDefender.size,
      lost: lost(wantDefender, new Set(heldDefender)),
      extra: extra(wantDefender, heldDefender),
      doubled: heldDefender.length - new Set(heldDefender).size,
    },
    graph: {
      want: wantGraph.size,
      lost: lost(wantGraph, new Set(Object.keys(graphCounts))),
      extra: extra(wantGraph, Object.keys(graphCounts)),
      doubled: Object.values(graphCounts).filter((n) => n > 1).length,
    },
  };
}

function assertExact(a: Awaited<ReturnType<typeof audit>>): void {
  for (const [sink, r] of Object.entries(a)) {
    assert.ok(r.want > 100, `${sink} should receive a fair share of the corpus (${r.want})`);
    assert.equal(r.lost, 0, `${sink} lost`);
    assert.equal(r.extra, 0, `${sink} holds what it should not`);
    if ('doubled' in r) assert.equal(r.doubled, 0, `${sink} doubled`);
  }
}

describe('threat-intel sync against the emulators', () => {
  test('first run sends every eligible indicator once to each sink; an unchanged re-run sends nothing; 1 % changed sends 1 %', async () => {
    const w = await startWorld();
    try {
      const first = await syncOnce(w);
      assert.equal(first.clean, true, JSON.stringify(first.pairs.map((p) => p.error ?? p.counts.refusals)));
      assertExact(await audit(w));
      const uploads = w.emulators.entraGraph.sentinelRequests().requests;
      const defenderCalls = { ...w.emulators.entraGraph.defenderStats(w.tenant.tenantId).calls };

      const again = await syncOnce(w);
      assert.equal(again.clean, true);
      for (const p of again.pairs) {
        assert.equal(p.counts.calls, 0, `${p.sink} made calls on an unchanged re-run`);
        assert.equal(p.counts.new + p.counts.updated, 0);
      }
      assert.equal(w.emulators.entraGraph.sentinelRequests().requests, uploads);
      assert.equal(
        w.emulators.entraGraph.defenderStats(w.tenant.tenantId).calls['indicators-import'],
        defenderCalls['indicators-import'],
      );

      // TruSTAR sees twelve observables again, with a new tag: only they go out again.
      const seen = Date.now() - 16 * 60_000;
      for (let i = 0; i < 12; i++)
        w.emulators.trustar.updateObservable({
          ref: { index: i * 97 },
          tags: ['re-sighted'],
          lastSeen: seen,
        });
      const changed = await syncOnce(w);
      assert.equal(changed.sources[0]?.counts.changed, 12);
      for (const p of changed.pairs)
        assert.ok(p.counts.updated + p.counts.new <= 12, `${p.sink} sent more than changed`);
      assert.ok((changed.pairs.find((p) => p.sink === 'sentinel')?.counts.updated ?? 0) >= 6);
      assertExact(await audit(w));
    } finally {
      await w.close();
    }
  });

  test('killed at every stage and restarted (read, each sink after its call, Graph mid-submit): nothing lost, nothing doubled', async () => {
    const w = await startWorld();
    try {
      let round = 0;
      let clean = false;
      for (; round < 40 && !clean; round++) {
        const r = await syncOnce(w, {
          wrap(built) {
            // The first run dies during the read, after its first page is stored.
            if (round === 0)
              for (const s of built.sources) {
                const read = s.read.bind(s);
                s.read = async function* (c, o) {
                  let pages = 0;
                  for await (const p of read(c, o)) {
                    yield p;
                    if (++pages === 1) throw new Error('killed during the read');
                  }
                };
              }
            // Every later run: each sink's second call reaches the sink and the process dies before
            // the answer is stored; the next run starts with what was committed.
            for (const s of built.sinks) {
              let calls = 0;
              const upsert = s.sink.upsert.bind(s.sink);
              s.sink.upsert = async (records, signal) => {
                const out = await upsert(records, signal);
                if (++calls === 2) throw new Error('killed after the sink answered');
                return out;
              };
            }
          },
        });
        clean = r.clean;
      }
      assert.ok(clean, `not clean after ${round} rounds`);
      assert.ok(round >= 4, `only ${round} rounds: the kills did not bite`);
      assertExact(await audit(w));
    } finally {
      await w.close();
    }
  });

  test('429 storms, 5xx and an expired token on every sink are waited out, retried and counted', async () => {
    const w = await startWorld();
    try {
      const emu = w.emulators.entraGraph;
      emu.addFault({ listener: 'sentinel', status: 429, times: 3, retryAfterSec: 1 });
      emu.addFault({ listener: 'sentinel', status: 503, times: 2 });
      emu.addFault({ listener: 'defender', status: 429, times: 2, retryAfterSec: 1 });
      emu.addFault({ listener: 'defender', status: 503, times: 1 });
      emu.addFault({ listener: 'defender', expiredToken: true, times: 1 });
      emu.addFault({ listener: 'graph', status: 429, times: 2, retryAfterSec: 1 });
      emu.addFault({ listener: 'sentinel', expiredToken: true, times: 1 });
      const r = await syncOnce(w);
      assert.equal(r.clean, true, JSON.stringify(r.pairs.map((p) => p.error)));
      assert.ok((r.pairs.find((p) => p.sink === 'sentinel')?.counts.throttled ?? 0) >= 3);
      assert.ok((r.pairs.find((p) => p.sink === 'defender')?.counts.throttled ?? 0) >= 2);
      assert.ok((r.pairs.find((p) => p.sink === 'graph')?.counts.throttled ?? 0) >= 2);
      assertExact(await audit(w));
    } finally {
      await w.close();
    }
  });

  test('records a sink refuses are reported per record, not sent again unchanged, and the run says so', async () => {
    const w = await startWorld({ sinks: ['defender'] });
    try {
      w.emulators.entraGraph.setDefenderIndicatorCap(100);
      const r = await syncOnce(w);
      const d = r.pairs.find((p) => p.sink === 'defender');
      assert.equal(r.clean, false);
      assert.equal(d?.outcome, 'refused');
      assert.ok((d?.counts.refused ?? 0) > 100);
      assert.equal(d?.counts.new, 100);
      assert.match(d?.counts.refusals[0]?.error ?? '', /^DEFENDER_REJECTED: /);
      const calls = w.emulators.entraGraph.defenderStats(w.tenant.tenantId).calls['indicators-import'];
      const again = await syncOnce(w);
      assert.equal(again.pairs[0]?.counts.stillRefused, d?.counts.refused);
      assert.equal(w.emulators.entraGraph.defenderStats(w.tenant.tenantId).calls['indicators-import'], calls);
    } finally {
      await w.close();
    }
  });

  test('an indicator revoked in a TAXII collection is withdrawn from every sink', async () => {
    const w = await startWorld({ sources: ['taxii'] });
    try {
      const first = await syncOnce(w);
      assert.equal(first.clean, true, JSON.stringify(first.pairs.map((p) => p.error)));
      const want = await expected(w, 'defender');
      const [key, victim] = [...want.entries()].find(([, i]) => i.sourceId !== undefined) ?? [];
      assert.ok(key && victim?.sourceId);
      w.emulators.taxii.revokeObject(victim.sourceRef, victim.sourceId);
      const r = await syncOnce(w);
      assert.equal(r.clean, true);
      for (const p of r.pairs) assert.ok(p.counts.revoked >= 1, `${p.sink} revoked ${p.counts.revoked}`);
      const emu = w.emulators.entraGraph;
      const obj = emu.sentinelObjects(w.workspaceId).find((o) => o.id === stixId(victim));
      assert.equal(obj?.revoked, true);
      const defender = emu.defenderData(w.tenant.tenantId).indicators as Array<{ indicatorValue: string }>;
      assert.ok(!defender.some((d) => d.indicatorValue.toLowerCase() === victim.value.toLowerCase()));
      assert.equal(emu.tiIndicatorCounts(w.tenant.tenantId)[key], undefined);
    } finally {
      await w.close();
    }
  });
});
