// The relay's console page and overview part over real relay traffic (Graph Security module against
// the emulators, statistics in a real database), checked as the page model, not as HTML.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HASH_A } from '../../emulators/graph-security-fixtures.js';
import type { Block, Chart } from '../../../src/platform/feature/index.js';
import { createLogger } from '../../../src/platform/log.js';
import { relaySchema } from '../../../src/relay/index.js';
import { relayConsole, relayMessages } from '../../../src/relay/console/index.js';
import { RelayStatsRecorder } from '../../../src/relay/stats/index.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { consoleRequest } from '../console-request.js';
import { type GraphSecurityHarness, startGraphSecurityRelay } from '../modules/graph-security/harness.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 4, 4, 10, 30);

const block = <K extends Block['kind']>(blocks: readonly Block[], id: string, kind: K) => {
  const b = blocks.find((x) => x.id === id);
  assert.equal(b?.kind, kind, id);
  return b as Extract<Block, { kind: K }>;
};
const total = (c: Chart, series: number) => c.series[series]?.values.reduce((a, b) => a + b, 0);

describe('relay console section', () => {
  let db: TestDatabase;
  let h: GraphSecurityHarness;
  let now = NOW - 2 * HOUR;
  const logger = createLogger({ level: 'silent' });
  const config = relaySchema.parse({ enabled: true });
  let stats: RelayStatsRecorder;
  before(async () => {
    db = await openTestDatabase('sqlite');
    stats = new RelayStatsRecorder({ db: db.store.db, logger, now: () => now });
    h = await startGraphSecurityRelay({}, { stats });
    // Two hours ago: two good observes. The last hour: one throttled observe and one wrong secret.
    await h.post('/observe/observables', [{ type: 'sha256', value: HASH_A }]);
    await h.post('/observe/observables', [{ type: 'sha256', value: HASH_A }]);
    now = NOW - 10 * 60_000;
    h.emulators.entraGraph.addFault({
      path: '/v1.0/security/runHuntingQuery',
      status: 429,
      retryAfterSec: 1,
      times: 1,
    });
    await h.post('/observe/observables', [{ type: 'sha256', value: HASH_A }]);
    await h.post('/health', {}, await h.token({ client_secret: 'not-the-secret-123' }));
    await stats.flush();
  });
  after(async () => {
    await h?.close();
    await db?.cleanup();
  });

  const section = () =>
    relayConsole({
      db: db.store.db,
      config: config,
      publicUrl: () => 'https://graphsoc.example.com/',
      now: () => NOW,
    });

  test('navigates to /relay, and every message exists in English and German', () => {
    const s = section();
    assert.deepEqual(s.nav, [{ path: '/relay', title: 'relay.nav' }]);
    assert.deepEqual(
      s.pages.map((p) => p.path),
      ['/relay'],
    );
    assert.deepEqual(Object.keys(relayMessages.de).sort(), Object.keys(relayMessages.en).sort());
    for (const [id, text] of Object.entries(relayMessages.de)) assert.ok(text.trim(), id);
  });

  test('lists the module, its URL, backend and how its tokens fared', async () => {
    const page = await section().pages[0]!.render(consoleRequest(relayMessages));
    assert.equal(page.title, 'Threat Response relay');
    const modules = block(page.blocks, 'relay-modules', 'table');
    assert.equal(modules.rows.length, 1);
    const cells = modules.rows[0]!.cells;
    assert.equal(cells[0], 'graph-security');
    assert.deepEqual(cells[1], { text: 'https://graphsoc.example.com/relay/graph-security', code: true });
    assert.equal(cells[2], 'Advanced Hunting + alerts_v2');
    assert.match(String(cells[3]), /^RS256 from visibility\.amp\.cisco\.com/);
    assert.deepEqual(cells[4], { text: '1 of 4 refused', tone: 'warn' });
  });

  test('counts requests per route and errors by protocol code over the last 24 hours', async () => {
    const page = await section().pages[0]!.render(consoleRequest(relayMessages));
    const requests = block(page.blocks, 'relay-requests', 'table');
    const observe = requests.rows.find((r) => r.key === 'graph-security /observe/observables');
    assert.deepEqual(observe?.cells.slice(0, 4), [
      { text: '/observe/observables', code: true },
      'graph-security',
      '3',
      '0',
    ]);
    assert.deepEqual(observe?.cells[5], { text: '1', tone: 'warn' });
    const errors = block(page.blocks, 'relay-errors', 'table');
    assert.deepEqual(
      errors.rows.map((r) => r.cells),
      [[{ text: 'authorization error', code: true }, '1', '25%']],
    );
  });

  test('charts 48 hours of requests by outcome, upstream latency and throttling', async () => {
    const page = await section().pages[0]!.render(consoleRequest(relayMessages));
    const requests = block(page.blocks, 'relay-requests-chart', 'chart').chart;
    assert.equal(requests.stepMs, HOUR);
    assert.equal(requests.from, Date.UTC(2026, 4, 2, 11));
    assert.deepEqual(
      requests.series.map((s) => s.values.length),
      [48, 48, 48, 48],
    );
    assert.equal(total(requests, 0), 3);
    assert.equal(total(requests, 1), 1);
    assert.equal(requests.series[0]!.values[45], 2); // 08:00, two hours before
    const latency = block(page.blocks, 'relay-latency-chart', 'chart').chart;
    assert.equal(latency.kind, 'lines');
    const p95 = latency.series[1]!.values;
    assert.ok(Number.isNaN(p95[0]), 'an hour without calls has no latency');
    assert.ok((p95[47] ?? 0) >= 1000, `the throttled hour waited a second: ${p95[47]}`);
    const problems = block(page.blocks, 'relay-upstream-problems', 'chart').chart;
    assert.equal(problems.series[0]!.values[47], 1);
  });

  test('offers the module definition to paste into Threat Response', async () => {
    const page = await section().pages[0]!.render(consoleRequest(relayMessages, 'de'));
    const code = block(page.blocks, 'relay-definition-graph-security', 'code');
    assert.match(code.title, /^Moduldefinition/);
    const def = JSON.parse(code.text);
    assert.equal(def.properties.url, 'https://graphsoc.example.com/relay/graph-security');
    assert.equal(def.properties['auth-type'], 'configuration-token');
    assert.deepEqual(
      def.configuration_spec.map((s: { key: string }) => s.key),
      ['custom_tenant_id', 'custom_application_id', 'custom_client_secret', 'custom_CTR_ENTITIES_LIMIT'],
    );
  });

  test('the overview shows both charts and asks for attention when this hour or the one before was throttled', async () => {
    const part = await section().overview!(consoleRequest(relayMessages));
    assert.deepEqual(
      part.charts.map((c) => c.id),
      ['relay-requests-chart', 'relay-latency-chart'],
    );
    assert.deepEqual(part.attention, [
      {
        tone: 'warn',
        text: 'Graph or Defender throttled the relay in this hour or the one before (429 answers: 1).',
        href: '/relay',
      },
    ]);
    const later = relayConsole({
      db: db.store.db,
      config,
      publicUrl: () => 'https://graphsoc.example.com',
      now: () => NOW + 3 * HOUR,
    });
    assert.deepEqual((await later.overview!(consoleRequest(relayMessages, 'de'))).attention, []);
  });
});
