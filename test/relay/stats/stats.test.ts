// Relay statistics over real HTTP on both dialects: the Graph Security module against the emulators
// records requests per (route, module, status, code) with their upstream calls, latency buckets,
// throttles and failures; two instances add into the same rows; the purge keeps 30 days.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HASH_A } from '../../emulators/graph-security-fixtures.js';
import { createLogger } from '../../../src/platform/log.js';
import {
  purgeRelayStats,
  RelayStatsRecorder,
  type RouteSum,
  statsByHour,
  statsByRoute,
} from '../../../src/relay/stats/index.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { type GraphSecurityHarness, startGraphSecurityRelay } from '../modules/graph-security/harness.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 4, 4, 10, 30, 15);

const find = (rows: RouteSum[], route: string, code = '', status = 200) =>
  rows.find((r) => r.route === route && r.code === code && r.status === status);

for (const dialect of DIALECTS) {
  describe(`relay statistics on ${dialect}`, () => {
    let db: TestDatabase;
    let h: GraphSecurityHarness;
    let stats: RelayStatsRecorder;
    const logger = createLogger({ level: 'silent' });
    before(async () => {
      db = await openTestDatabase(dialect);
      stats = new RelayStatsRecorder({ db: db.store.db, logger, now: () => NOW });
      h = await startGraphSecurityRelay({}, { stats });
    });
    after(async () => {
      await h?.close();
      await db?.cleanup();
    });

    test('records each request with its outcome and what it did upstream', async () => {
      assert.equal((await h.post('/health', {})).errors, undefined);
      h.emulators.entraGraph.addFault({
        path: '/v1.0/security/runHuntingQuery',
        status: 429,
        retryAfterSec: 1,
        times: 1,
      });
      const observed = await h.post('/observe/observables', [{ type: 'sha256', value: HASH_A }]);
      assert.equal(observed.errors, undefined);
      const wrong = await h.post('/health', {}, await h.token({ client_secret: 'not-the-secret-123' }));
      assert.equal(wrong.errors?.[0]?.code, 'authorization error');
      const noToken = await fetch(`${h.url}/relay/graph-security/health`, { method: 'POST', body: '{}' });
      assert.equal(noToken.status, 200);
      const lost = await fetch(`${h.url}/relay/graph-security/%3Cscript%3E`, { method: 'POST', body: '{}' });
      assert.equal(lost.status, 404);
      await stats.flush();

      const rows = await statsByRoute(db.store.db, NOW - 60 * MINUTE, NOW + MINUTE);
      const health = find(rows, '/health');
      assert.equal(health?.module, 'graph-security');
      assert.equal(health?.requests, 1);
      assert.ok((health?.upstreamCalls ?? 0) >= 1);
      assert.equal(
        health?.buckets.reduce((a, b) => a + b, 0),
        health?.upstreamCalls,
      );
      assert.equal(health?.upstreamThrottled, 0);
      assert.equal(health?.upstreamFailed, 0);

      const observe = find(rows, '/observe/observables');
      assert.equal(observe?.requests, 1);
      assert.equal(observe?.upstreamThrottled, 1);
      assert.ok((observe?.upstreamMs ?? 0) >= 1000, 'the Retry-After wait counts as upstream time');

      // The wrong secret failed at Entra (a call was made); the missing token never left the relay.
      const refused = find(rows, '/health', 'authorization error');
      assert.equal(refused?.requests, 2);
      assert.equal(refused?.upstreamFailed, 1);

      const other = rows.find((r) => r.route === '(other)');
      assert.equal(other?.status, 404);
      assert.ok(rows.every((r) => !r.route.includes('script')));
    });

    test('a second instance adds into the same hour rows', async () => {
      const other = new RelayStatsRecorder({ db: db.store.db, logger, now: () => NOW + 5_000 });
      other.record({ route: '/health', module: 'graph-security', status: 200, code: '' });
      other.record({ route: '/health', module: 'graph-security', status: 200, code: '' });
      await other.close();
      const rows = await statsByRoute(db.store.db, NOW - 60 * MINUTE, NOW + MINUTE);
      assert.equal(find(rows, '/health')?.requests, 3);
      const hours = await statsByHour(db.store.db, NOW - 2 * 3_600_000, NOW + 3_600_000);
      assert.deepEqual([...new Set(hours.map((x) => x.hour))], [Date.UTC(2026, 4, 4, 10)]);
      const ok = hours.find((x) => x.status === 200 && x.code === '');
      assert.equal(ok?.requests, 4); // three /health and one observe
    });

    test('a flush that fails keeps its counts for the next one', async () => {
      const broken = await openTestDatabase(dialect, { migrate: false });
      const warnings: unknown[] = [];
      const failing = new RelayStatsRecorder({
        db: broken.store.db,
        logger: { warn: (o: unknown) => warnings.push(o) } as never,
        now: () => NOW,
      });
      failing.record({ route: '/health', module: 'graph-security', status: 200, code: '' });
      await failing.flush(); // no relay_stats table there yet
      assert.equal(warnings.length, 1);
      const { migrateStore } = await import('../../../src/app/migrations.js');
      await migrateStore(broken.store);
      await failing.close();
      const rows = await statsByRoute(broken.store.db, NOW - 60 * MINUTE, NOW + MINUTE);
      assert.equal(find(rows, '/health')?.requests, 1);
      await broken.cleanup();
    });

    test('the purge deletes hours older than the cutoff only', async () => {
      const old = new RelayStatsRecorder({ db: db.store.db, logger, now: () => NOW - 31 * 86_400_000 });
      old.record({ route: '/health', module: 'graph-security', status: 200, code: '' });
      await old.close();
      assert.equal(await purgeRelayStats(db.store.db, NOW - 30 * 86_400_000), 1);
      const rows = await statsByRoute(db.store.db, NOW - 60 * MINUTE, NOW + MINUTE);
      assert.equal(find(rows, '/health')?.requests, 3);
    });
  });
}
