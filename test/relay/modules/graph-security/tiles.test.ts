// The Graph Security module's dashboard tiles over real HTTP against the Graph emulator: the catalogue,
// tile data for every tile and period checked against counts computed here from the seeded alerts,
// bad arguments, upstream faults and a missing hunting permission, all answered in the relay envelope.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { securityFixtures } from '../../../emulators/graph-security-fixtures.js';
import { type GraphSecurityHarness, startGraphSecurityRelay } from './harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PERIODS: Record<string, number> = {
  last_hour: HOUR,
  last_24_hours: DAY,
  last_7_days: 7 * DAY,
  last_30_days: 30 * DAY,
};
const SEVERITY_ORDER = ['high', 'medium', 'low', 'informational', 'unknown'];
/** How the hunting tables name the fixtures' serviceSource values (Defender's AlertInfo wording). */
const SERVICE_NAMES: Record<string, string> = {
  microsoftDefenderForEndpoint: 'Microsoft Defender for Endpoint',
  microsoftDefenderForOffice365: 'Microsoft Defender for Office 365',
  microsoftDefenderForIdentity: 'Microsoft Defender for Identity',
};

const seededAlerts = z.array(
  z.looseObject({
    id: z.string(),
    createdDateTime: z.string(),
    severity: z.string(),
    serviceSource: z.string(),
    category: z.string(),
  }),
);
type SeededAlert = z.infer<typeof seededAlerts>[number];

/** Extra alerts for the short periods and for values the module must not trust. */
function extraAlerts(tenantId: string, now: number) {
  const alert = (id: string, agoMs: number, props: Record<string, unknown>) => ({
    '@odata.type': '#microsoft.graph.security.alert',
    id,
    tenantId,
    title: `Tile test ${id}`,
    detectionSource: 'antivirus',
    createdDateTime: new Date(now - agoMs).toISOString(),
    lastUpdateDateTime: new Date(now - agoMs).toISOString(),
    evidence: [],
    ...props,
  });
  return [
    alert('tile-1', 20 * 60_000, {
      severity: 'high',
      serviceSource: 'microsoftDefenderForEndpoint',
      category: 'Execution',
    }),
    // A severity added after this module was written, and no service source at all.
    alert('tile-2', 5 * HOUR, { severity: 'unknownFutureValue', serviceSource: '', category: 'Execution' }),
    // Control characters in a category name are shown as spaces, not passed on.
    alert('tile-3', 2 * DAY, {
      severity: 'medium',
      serviceSource: 'microsoftDefenderForOffice365',
      category: 'Defense\u0000Evasion\n',
    }),
    alert('tile-4', 6 * DAY, {
      severity: 'low',
      serviceSource: 'microsoftDefenderForIdentity',
      category: 'CredentialAccess',
    }),
  ];
}

const severityOf = (a: SeededAlert) => (SEVERITY_ORDER.includes(a.severity) ? a.severity : 'unknown');
const inPeriod = (alerts: SeededAlert[], span: number, now = Date.now()) =>
  alerts.filter((a) => {
    const t = Date.parse(a.createdDateTime);
    return t >= now - span && t <= now;
  });
const countBy = <T>(items: T[], key: (t: T) => string) => {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
};

type Metric = { label: string; value: number; value_unit: string; icon: string };
type Bar = { key: string; label: string; value: number; values: Array<{ key: string; value: number }> };
type Donut = {
  labels: [string[], string[]];
  data: Array<{ key: number; value: number; segments: Array<{ key: number; value: number }> }>;
};

describe('Graph Security dashboard tiles', () => {
  let h: GraphSecurityHarness;
  let alerts: SeededAlert[];
  before(async () => {
    h = await startGraphSecurityRelay();
    const extras = extraAlerts(h.tenantId, Date.now());
    h.emulators.entraGraph.seedSecurity(h.tenantId, { alertsV2: extras });
    alerts = seededAlerts.parse([...securityFixtures(h.tenantId).alertsV2, ...extras]);
  });
  after(() => h.close());

  const huntingCalls = () =>
    h.emulators.entraGraph.requests().filter((r) => r.path.endsWith('/security/runHuntingQuery'));

  test('/tiles lists every tile with the fields a dashboard needs', async () => {
    const res = await h.post('/tiles', {});
    const tiles = res.data as Array<Record<string, unknown>>;
    assert.deepEqual(
      tiles.map((t) => [t.id, t.type]),
      [
        ['alerts-by-severity', 'metric_group'],
        ['alerts-by-source', 'donut_graph'],
        ['alerts-per-day', 'vertical_bar_chart'],
        ['top-alert-categories', 'horizontal_bar_chart'],
      ],
    );
    for (const t of tiles) {
      for (const k of ['title', 'description', 'short_description', 'default_period']) {
        assert.equal(typeof t[k], 'string', `${t.id} ${k}`);
      }
      assert.ok(Array.isArray(t.tags));
      assert.ok((t.periods as string[]).includes(t.default_period as string));
    }
  });

  test('/tiles/tile describes one tile', async () => {
    const res = await h.post('/tiles/tile', { tile_id: 'alerts-per-day' });
    assert.deepEqual((res.data as { periods: string[] }).periods, ['last_7_days', 'last_30_days']);
  });

  for (const [period, span] of Object.entries(PERIODS)) {
    test(`alerts by severity over ${period} match the seeded alerts, counted once each`, async () => {
      h.emulators.entraGraph.clearRequests();
      const res = await h.post('/tiles/tile-data', { tile_id: 'alerts-by-severity', period });
      assert.equal(res.errors, undefined);
      const data = res.data as { data: Metric[]; period: string; tile_id: string; cache_scope: string };
      const expected = countBy(inPeriod(alerts, span), severityOf);
      const got = new Map(data.data.map((m) => [m.label.toLowerCase(), m.value]));
      assert.equal(got.get('total alerts'), inPeriod(alerts, span).length);
      for (const s of SEVERITY_ORDER) {
        if (s === 'unknown' && !expected.has(s)) assert.equal(got.has(s), false);
        else assert.equal(got.get(s), expected.get(s) ?? 0, `${period} ${s}`);
      }
      assert.ok(data.data.every((m) => m.value_unit === 'integer'));
      assert.equal(data.tile_id, 'alerts-by-severity');
      assert.equal(data.period, period);
      assert.equal(data.cache_scope, 'org');
      assert.equal(huntingCalls().length, 1, 'one hunting query per tile-data request');
    });

    test(`alerts by source over ${period} split service sources into detection sources`, async () => {
      const res = await h.post('/tiles/tile-data', { tile_id: 'alerts-by-source', period });
      const data = res.data as Donut & { label_headers: string[] };
      const expected = countBy(inPeriod(alerts, span), (a) => SERVICE_NAMES[a.serviceSource] ?? 'Unknown');
      const got = new Map(data.data.map((d) => [data.labels[0][d.key], d.value]));
      assert.deepEqual(got, new Map([...expected].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))));
      for (const d of data.data) {
        assert.equal(
          d.segments.reduce((n, s) => n + s.value, 0),
          d.value,
        );
        assert.ok(d.segments.every((s) => data.labels[1][s.key] !== undefined));
      }
    });

    test(`top alert categories over ${period} count each category`, async () => {
      const res = await h.post('/tiles/tile-data', { tile_id: 'top-alert-categories', period });
      const data = res.data as { data: Bar[] };
      const expected = countBy(inPeriod(alerts, span), (a) =>
        Array.from(a.category, (c) => (c < ' ' ? ' ' : c))
          .join('')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      assert.deepEqual(new Map(data.data.map((b) => [b.label, b.value])), expected);
    });
  }

  for (const period of ['last_7_days', 'last_30_days']) {
    test(`alerts per day over ${period}: every UTC day in order, stacked by severity`, async () => {
      const res = await h.post('/tiles/tile-data', { tile_id: 'alerts-per-day', period });
      const data = res.data as { data: Bar[]; keys: Array<{ key: string }>; key_type: string };
      const now = Date.now();
      const span = PERIODS[period] as number;
      const days: string[] = [];
      for (let d = Math.floor((now - span) / DAY) * DAY; d <= now; d += DAY) {
        days.push(new Date(d).toISOString().slice(0, 10));
      }
      assert.deepEqual(
        data.data.map((b) => b.key),
        days,
      );
      const perDay = countBy(inPeriod(alerts, span, now), (a) => a.createdDateTime.slice(0, 10));
      for (const bar of data.data) {
        assert.equal(bar.value, perDay.get(bar.key) ?? 0, bar.key);
        assert.equal(
          bar.values.reduce((n, v) => n + v.value, 0),
          bar.value,
        );
      }
      assert.equal(data.key_type, 'string');
      const severities = new Set(inPeriod(alerts, span, now).map(severityOf));
      assert.deepEqual(
        data.keys.map((k) => k.key),
        SEVERITY_ORDER.filter((s) => severities.has(s)),
      );
    });
  }

  test('an unknown tile, a period the tile lacks and blank fields are invalid arguments, with no Graph call', async () => {
    h.emulators.entraGraph.clearRequests();
    const cases: Array<[string, Record<string, unknown>]> = [
      ['/tiles/tile-data', { tile_id: 'no-such-tile', period: 'last_7_days' }],
      ['/tiles/tile-data', { tile_id: 'alerts-by-severity', period: 'last_year' }],
      ['/tiles/tile-data', { tile_id: 'alerts-per-day', period: 'last_hour' }],
      ['/tiles/tile-data', { tile_id: 'alerts-by-severity', period: '' }],
      ['/tiles/tile-data', { tile_id: '', period: 'last_7_days' }],
      ['/tiles/tile-data', { tile_id: 'alerts-by-severity' }],
      ['/tiles/tile-data', { tile_id: 'constructor', period: 'toString' }],
      ['/tiles/tile', { tile_id: 'no-such-tile' }],
      ['/tiles/tile', { tile_id: '' }],
    ];
    for (const [path, body] of cases) {
      const res = await h.post(path, body);
      assert.equal(res.data, undefined, JSON.stringify(body));
      assert.deepEqual(
        res.errors?.map((e) => [e.code, e.type]),
        [['invalid argument', 'fatal']],
        JSON.stringify(body),
      );
    }
    assert.equal(huntingCalls().length, 0);
  });

  test('a throttled hunting query waits for Retry-After and then answers', async () => {
    h.emulators.entraGraph.addFault({
      path: '/v1.0/security/runHuntingQuery',
      status: 429,
      retryAfterSec: 1,
      times: 1,
    });
    const res = await h.post('/tiles/tile-data', { tile_id: 'alerts-by-severity', period: 'last_30_days' });
    assert.equal(res.errors, undefined);
    assert.ok(Array.isArray((res.data as { data: unknown[] }).data));
  });

  test('hunting that stays throttled answers too many requests, not HTTP 500', async () => {
    const id = h.emulators.entraGraph.addFault({
      path: '/v1.0/security/runHuntingQuery',
      status: 429,
      retryAfterSec: 0,
    });
    try {
      const res = await h.post('/tiles/tile-data', { tile_id: 'alerts-by-source', period: 'last_7_days' });
      assert.equal(res.data, undefined);
      assert.equal(res.errors?.[0]?.code, 'too many requests');
    } finally {
      h.emulators.entraGraph.removeFault(id);
    }
  });

  test('a Graph 500 and a malformed hunting answer are relay errors', async () => {
    h.emulators.entraGraph.addFault({ path: '/v1.0/security/runHuntingQuery', status: 500, times: 1 });
    const failed = await h.post('/tiles/tile-data', { tile_id: 'alerts-per-day', period: 'last_7_days' });
    assert.equal(failed.data, undefined);
    assert.deepEqual(
      failed.errors?.map((e) => e.type),
      ['fatal'],
    );
    h.emulators.entraGraph.addFault({
      path: '/v1.0/security/runHuntingQuery',
      malformedBody: true,
      times: 1,
    });
    const malformed = await h.post('/tiles/tile-data', { tile_id: 'alerts-per-day', period: 'last_7_days' });
    assert.equal(malformed.data, undefined);
    assert.equal(malformed.errors?.length, 1);
  });
});

describe('Graph Security dashboard tiles without the hunting permission', () => {
  let h: GraphSecurityHarness;
  before(async () => {
    h = await startGraphSecurityRelay({}, { roles: ['SecurityAlert.Read.All'] });
  });
  after(() => h.close());

  test('tile data answers permission denied, and the catalogue still answers', async () => {
    const res = await h.post('/tiles/tile-data', { tile_id: 'alerts-by-severity', period: 'last_7_days' });
    assert.equal(res.data, undefined);
    assert.equal(res.errors?.[0]?.code, 'permission denied');
    assert.equal(((await h.post('/tiles', {})).data as unknown[]).length, 4);
  });
});
