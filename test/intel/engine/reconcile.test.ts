// The sync engine against an in-process sink: only differences are sent, refusals are kept per
// record, a bad record is isolated from its batch, a stopped run resumes with nothing lost or sent
// twice, a capped sink holds the best-scored and frees room before filling it. Both dialects.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IntelSinkState } from '../../../src/intel/store/sink-state.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { FakeSink } from './fake-sink.js';
import { DAY, instantClock, listSource, NOW, record, runtime, sync } from './helpers.js';

for (const dialect of DIALECTS) {
  describe(`intel sync engine (${dialect})`, () => {
    // Each test starts from a database of its own: the engine's state is the thing under test.
    const fresh = (): Promise<TestDatabase> => openTestDatabase(dialect);

    test('sends everything once, then nothing while nothing changes, then only what changed', async () => {
      const d = await fresh();
      try {
        const clock = instantClock();
        let records = Array.from({ length: 95 }, (_, i) => record(i));
        const source = listSource(() => records);
        const sink = new FakeSink(10);
        const first = await sync(d.store.db, source, runtime(sink, clock), clock);
        assert.equal(first.clean, true);
        assert.equal(first.sources[0]?.counts.new, 95);
        assert.equal(first.pairs[0]?.counts.new, 95);
        assert.equal(sink.held.size, 95);
        assert.equal(sink.calls, 10);

        const again = await sync(d.store.db, source, runtime(sink, clock), clock);
        assert.equal(again.pairs[0]?.counts.unchanged, 95);
        assert.equal(again.pairs[0]?.counts.calls, 0);
        assert.equal(sink.calls, 10);

        records = records.map((r, i) => (i === 7 ? { ...r, tags: ['changed'] } : r));
        const third = await sync(d.store.db, source, runtime(sink, clock), clock);
        assert.equal(third.pairs[0]?.counts.updated, 1);
        assert.equal(third.pairs[0]?.counts.calls, 1);
        assert.deepEqual(sink.held.get('trustar|ipv4|45.0.0.7')?.indicator.tags, ['changed']);
        assert.equal(sink.doubled(), 0);
      } finally {
        await d.cleanup();
      }
    });

    test('revoked and now allow-listed indicators are withdrawn; expired ones are left to the sink', async () => {
      const d = await fresh();
      try {
        const clock = instantClock();
        let records = Array.from({ length: 30 }, (_, i) => record(i));
        const source = listSource(() => records);
        const sink = new FakeSink(10);
        await sync(d.store.db, source, runtime(sink, clock), clock);
        records = records.map((r, i) => (i === 1 ? { ...r, revoked: true } : r));
        const rt = runtime(sink, clock, { allowCidrs: ['45.0.0.2'] });
        const run = await sync(d.store.db, source, rt, clock);
        assert.equal(run.pairs[0]?.counts.revoked, 1);
        assert.equal(run.pairs[0]?.counts.withdrawn, 1);
        assert.ok(sink.withdrawn.has('trustar|ipv4|45.0.0.1'));
        assert.ok(sink.withdrawn.has('trustar|ipv4|45.0.0.2'));
        // 31 days on, the 30-day TTL of addresses has passed: expired without a call.
        clock.t += 31 * DAY;
        const calls = sink.calls;
        const later = await sync(d.store.db, source, rt, clock, { skipRead: true });
        assert.equal(later.pairs[0]?.counts.expired, 28);
        assert.equal(sink.calls, calls);
      } finally {
        await d.cleanup();
      }
    });

    test('a record the sink refuses is kept as refused and not sent again until it changes', async () => {
      const d = await fresh();
      try {
        const clock = instantClock();
        let records = Array.from({ length: 20 }, (_, i) => record(i));
        const source = listSource(() => records);
        const sink = new FakeSink(10);
        sink.refuse.add('45.0.0.3');
        const run = await sync(d.store.db, source, runtime(sink, clock), clock);
        assert.equal(run.clean, false);
        assert.equal(run.pairs[0]?.outcome, 'refused');
        assert.equal(run.pairs[0]?.counts.refused, 1);
        assert.match(run.pairs[0]?.counts.refusals[0]?.error ?? '', /REFUSED: bad 45.0.0.3/);
        const again = await sync(d.store.db, source, runtime(sink, clock), clock);
        assert.equal(again.pairs[0]?.counts.stillRefused, 1);
        assert.equal(again.pairs[0]?.counts.calls, 0);
        sink.refuse.clear();
        records = records.map((r, i) => (i === 3 ? { ...r, score: 90 } : r));
        const fixed = await sync(d.store.db, source, runtime(sink, clock), clock);
        assert.equal(fixed.pairs[0]?.counts.new, 1);
        assert.equal(sink.held.size, 20);
      } finally {
        await d.cleanup();
      }
    });

    test('a batch refused as a whole (400) is split until the bad record stands alone', async () => {
      const d = await fresh();
      try {
        const clock = instantClock();
        const records = Array.from({ length: 16 }, (_, i) => record(i));
        const sink = new FakeSink(16);
        sink.poison.add('45.0.0.11');
        const run = await sync(
          d.store.db,
          listSource(() => records),
          runtime(sink, clock),
          clock,
        );
        assert.equal(run.pairs[0]?.counts.refused, 1);
        assert.equal(run.pairs[0]?.counts.new, 15);
        assert.equal(sink.held.size, 15);
        assert.match(run.pairs[0]?.counts.refusals[0]?.error ?? '', /^HTTP_400/);
      } finally {
        await d.cleanup();
      }
    });

    test('a sink outage stops the pair at its last committed batch; the next run sends only the rest', async () => {
      const d = await fresh();
      try {
        const clock = instantClock();
        const records = Array.from({ length: 100 }, (_, i) => record(i));
        const source = listSource(() => records);
        const sink = new FakeSink(10);
        const rt = runtime(sink, clock, {}, 1);
        let calls = 0;
        const original = sink.upsert.bind(sink);
        sink.upsert = async (r) => {
          if (++calls === 4) sink.failNext = 1;
          return original(r);
        };
        const broken = await sync(d.store.db, source, rt, clock);
        assert.equal(broken.pairs[0]?.outcome, 'failed');
        assert.match(broken.pairs[0]?.error ?? '', /GSOC_INTEL_SINK_CALL_FAILED/);
        const heldAfterOutage = sink.held.size;
        assert.ok(heldAfterOutage >= 30 && heldAfterOutage < 100, `held ${heldAfterOutage}`);
        const resumed = await sync(d.store.db, source, rt, clock);
        assert.equal(resumed.clean, true);
        assert.equal(resumed.pairs[0]?.counts.new, 100 - heldAfterOutage);
        assert.equal(sink.held.size, 100);
        assert.equal(sink.doubled(), 0);
      } finally {
        await d.cleanup();
      }
    });

    test('stopped at every batch in turn and restarted: nothing lost, nothing doubled, only the interrupted batch sent again', async () => {
      const d = await fresh();
      try {
        const clock = instantClock();
        const records = Array.from({ length: 60 }, (_, i) => record(i));
        const source = listSource(() => records, 7);
        const sink = new FakeSink(10);
        const rt = runtime(sink, clock, {}, 1);
        const sent = new Map<string, number>();
        const original = sink.upsert.bind(sink);
        let dieAt = 1;
        let callsThisRun = 0;
        sink.upsert = async (r) => {
          for (const x of r) sent.set(x.key, (sent.get(x.key) ?? 0) + 1);
          // The sink stores the batch, then the process dies before the answer is committed.
          sink.dieAfterStore = ++callsThisRun === dieAt;
          return original(r);
        };
        let rounds = 0;
        for (; rounds < 10 && sink.held.size < 60; rounds++) {
          callsThisRun = 0;
          const run = await sync(d.store.db, source, rt, clock);
          if (run.clean) break;
          // From now on the interrupted batch goes again first, then the next one is interrupted.
          dieAt = 2;
        }
        sink.dieAfterStore = false;
        dieAt = 0;
        const final = await sync(d.store.db, source, rt, clock);
        assert.equal(final.clean, true);
        assert.equal(sink.held.size, 60, 'lost');
        assert.equal(sink.doubled(), 0, 'doubled');
        // Each interruption sends its one batch (10 records) a second time, and nothing else.
        const resent = [...sent.values()].filter((n) => n > 1).length;
        assert.equal(rounds, 6, 'one interruption per batch');
        assert.ok(resent <= rounds * 10, `resent ${resent} in ${rounds} interruptions`);
        assert.ok([...sent.values()].every((n) => n <= 2));
      } finally {
        await d.cleanup();
      }
    });

    test('a capped sink holds the best-scored, reports the rest, and frees room before filling it', async () => {
      const d = await fresh();
      try {
        const clock = instantClock();
        let records = Array.from({ length: 50 }, (_, i) => record(i, { score: 10 + i }));
        const source = listSource(() => records);
        const sink = new FakeSink(10, 20);
        const run = await sync(d.store.db, source, runtime(sink, clock), clock);
        assert.equal(sink.held.size, 20);
        assert.equal(run.pairs[0]?.counts.leftOutByCap, 30);
        assert.equal(run.pairs[0]?.counts.refused, 0);
        assert.ok([...sink.held.values()].every((r) => (r.indicator.score ?? 0) >= 40));
        // Ten new, better-scored indicators arrive: ten of the held make way first.
        records = [...records, ...Array.from({ length: 10 }, (_, i) => record(100 + i, { score: 99 }))];
        const next = await sync(d.store.db, source, runtime(sink, clock), clock);
        assert.equal(next.pairs[0]?.counts.refused, 0, 'nothing refused for lack of room');
        assert.equal(next.pairs[0]?.counts.withdrawn, 10);
        assert.equal(next.pairs[0]?.counts.new, 10);
        assert.equal(sink.held.size, 20);
      } finally {
        await d.cleanup();
      }
    });

    test('a dry run counts what would be sent, by action, and sends nothing', async () => {
      const d = await fresh();
      try {
        const clock = instantClock();
        const records = Array.from({ length: 12 }, (_, i) => record(i, { score: i < 4 ? 95 : 60 }));
        const sink = new FakeSink(5);
        const policy = { actions: [{ action: 'block', minScore: 90 }, { action: 'alert' }] };
        const run = await sync(
          d.store.db,
          listSource(() => records),
          runtime(sink, clock, policy),
          clock,
          { dryRun: true },
        );
        assert.equal(sink.calls, 0);
        assert.equal(run.pairs[0]?.counts.new, 12);
        assert.deepEqual(run.pairs[0]?.counts.actions, { alert: 8, block: 4, audit: 0 });
        const state = new IntelSinkState(d.store.db);
        assert.deepEqual(await state.tally('trustar', 'sentinel', NOW), {
          live: 0,
          refused: 0,
          withdrawn: 0,
          expired: 0,
        });
        const real = await sync(
          d.store.db,
          listSource(() => records),
          runtime(sink, clock, policy),
          clock,
        );
        assert.equal(real.pairs[0]?.counts.new, 12);
      } finally {
        await d.cleanup();
      }
    });

    test('a source outage keeps the pages read before it; sinks still get them; the next read resumes', async () => {
      const d = await fresh();
      try {
        const clock = instantClock();
        const records = Array.from({ length: 100 }, (_, i) => record(i));
        const sink = new FakeSink(10);
        const broken = await sync(
          d.store.db,
          listSource(() => records, 25, 2),
          runtime(sink, clock),
          clock,
        );
        assert.equal(broken.sources[0]?.outcome, 'failed');
        assert.match(broken.sources[0]?.error ?? '', /GSOC_INTEL_SOURCE_FAILED/);
        assert.equal(broken.sources[0]?.counts.new, 50);
        assert.equal(sink.held.size, 50);
        const resumed = await sync(
          d.store.db,
          listSource(() => records, 25),
          runtime(sink, clock),
          clock,
        );
        assert.equal(resumed.sources[0]?.counts.new, 50);
        assert.equal(resumed.sources[0]?.counts.pages, 2);
        assert.equal(sink.held.size, 100);
      } finally {
        await d.cleanup();
      }
    });

    test('bad values are counted by reason with samples, and never stop the run', async () => {
      const d = await fresh();
      try {
        const clock = instantClock();
        const records = [
          record(1),
          record(2, { value: '999.1.1.1' }),
          record(3, { value: 'hxxp://bad domain.com', type: 'url' }),
          record(4, { type: 'REGISTRY_KEY', value: 'HKLM\\x' }),
        ];
        const sink = new FakeSink(10);
        const run = await sync(
          d.store.db,
          listSource(() => records),
          runtime(sink, clock),
          clock,
        );
        const c = run.sources[0]?.counts;
        assert.equal(c?.rejected, 3);
        assert.deepEqual(c?.rejectedBy, { INVALID_IP: 1, CONTAINS_SPACE: 1, UNSUPPORTED_TYPE: 1 });
        assert.equal(c?.samples[0]?.sample, '999.1.1.1');
        assert.equal(sink.held.size, 1);
      } finally {
        await d.cleanup();
      }
    });
  });
}
