import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sightingSchema } from '../../../src/relay/ctim/index.js';

const T = '2019-03-01T22:26:29.229Z';

/** A sighting as the Graph relay maps an alert (reference/relay.md §2.7), but CTIM 1.3 and fixed. */
function graphLike(): Record<string, unknown> {
  return {
    id: 'transient:sighting-0b3b4ab8-9f0e-4a4e-9d5c-8a5a6b1c2d3e',
    type: 'sighting',
    schema_version: '1.3.29',
    source: 'Microsoft Graph Security',
    count: 1,
    title: 'Malware detected',
    description: 'A file was detected.',
    external_ids: ['da637...'],
    external_references: [
      { source_name: 'Microsoft Defender ATP', url: 'https://securitycenter.windows.com/a' },
    ],
    observables: [{ type: 'domain', value: 'evil.example' }],
    observed_time: { start_time: T, end_time: T },
    timestamp: T,
    confidence: 'High',
    severity: 'Medium',
    sensor: 'endpoint',
    targets: [
      {
        type: 'endpoint',
        observables: [
          { type: 'ip', value: '10.0.0.4' },
          { type: 'hostname', value: 'pc-1' },
        ],
        observed_time: { start_time: T, end_time: T },
      },
    ],
    relations: [
      {
        origin: 'Microsoft Defender ATP',
        relation: 'Connected_To',
        source: { type: 'ip', value: '10.0.0.4' },
        related: { type: 'domain', value: 'evil.example' },
      },
    ],
  };
}

const fails = (patch: Record<string, unknown>) =>
  !sightingSchema.safeParse({ ...graphLike(), ...patch }).success;
function pathsOf(o: unknown): string[] {
  const r = sightingSchema.safeParse(o);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

test('accepts a full Graph-style sighting', () => {
  assert.deepEqual(pathsOf(graphLike()), []);
});

test('accepts the minimal sighting with only the required fields', () => {
  const min = {
    id: 'transient:s',
    type: 'sighting',
    schema_version: '1.3.29',
    count: 0,
    confidence: 'None',
    observed_time: { start_time: T },
  };
  assert.deepEqual(pathsOf(min), []);
});

test('names each missing required field', () => {
  for (const key of ['confidence', 'count', 'id', 'observed_time', 'schema_version', 'type']) {
    const s = graphLike();
    delete s[key];
    assert.deepEqual(pathsOf(s), [key], key);
  }
});

test('rejects a type other than sighting', () => {
  assert.ok(fails({ type: 'judgement' }));
  assert.ok(fails({ type: 'Sighting' }));
});

test('rejects wrong enum values', () => {
  assert.ok(fails({ confidence: 'Critical' }));
  assert.ok(fails({ confidence: 'high' }));
  assert.ok(fails({ severity: 'Informational' }));
  assert.ok(fails({ sensor: 'firewall' }));
  assert.ok(fails({ resolution: 'quarantined' }));
  assert.ok(fails({ tlp: 'black' }));
  assert.ok(fails({ observables: [{ type: 'ipv4', value: '1.1.1.1' }] }));
});

test('accepts Critical severity and every resolution', () => {
  assert.ok(!fails({ severity: 'Critical' }));
  for (const r of ['allowed', 'blocked', 'contained', 'detected']) assert.ok(!fails({ resolution: r }), r);
});

test('rejects bad counts and revisions', () => {
  for (const count of [-1, 1.5, '1', null, Number.NaN]) assert.ok(fails({ count }), String(count));
  assert.ok(fails({ revision: -2 }));
});

test('rejects bad ids', () => {
  assert.ok(fails({ id: 'sighting-1' }));
  assert.ok(fails({ id: '' }));
  assert.ok(fails({ id: 'https://h.example/ctia/judgement/judgement-de305d54-75b4-431b-adb2-eb6b9e546014' }));
  assert.ok(!fails({ id: 'https://h.example/ctia/sighting/sighting-de305d54-75b4-431b-adb2-eb6b9e546014' }));
});

test('rejects strings past their CTIM limits and accepts them at the limit', () => {
  assert.ok(fails({ title: 't'.repeat(1025) }));
  assert.ok(!fails({ title: 't'.repeat(1024) }));
  assert.ok(fails({ description: 'd'.repeat(5001) }));
  assert.ok(!fails({ description: 'd'.repeat(5000) }));
  assert.ok(fails({ short_description: 's'.repeat(2049) }));
  assert.ok(fails({ source: 's'.repeat(2049) }));
  assert.ok(fails({ language: 'l'.repeat(1025) }));
});

test('rejects bad timestamps anywhere', () => {
  assert.ok(fails({ timestamp: '2019-03-01 22:26:29' }));
  assert.ok(fails({ observed_time: { start_time: 'now' } }));
  assert.ok(fails({ observed_time: { start_time: T, end_time: '2019-03-01T00:00:00Z' } }));
  const s = graphLike();
  (s.targets as { observed_time: unknown }[])[0]!.observed_time = { start_time: '2019-02-30T00:00:00Z' };
  assert.deepEqual(pathsOf(s), ['targets.0.observed_time.start_time']);
});

test('rejects a target without observables, time or a sensor type', () => {
  assert.ok(fails({ targets: [{ type: 'endpoint', observed_time: { start_time: T } }] }));
  assert.ok(fails({ targets: [{ type: 'endpoint', observables: [] }] }));
  assert.ok(fails({ targets: [{ type: 'laptop', observables: [], observed_time: { start_time: T } }] }));
});

test('rejects unknown top-level keys, so typos do not slip through', () => {
  assert.deepEqual(pathsOf({ ...graphLike(), obsevables: [] }), ['']);
  assert.ok(fails({ data: undefined, judgement: {} }));
});

test('checks the data table: column types and one cell per column', () => {
  const columns = [{ name: 'ActionType', type: 'string' }];
  assert.ok(!fails({ data: { columns, rows: [['FileCreated']], row_count: 1 } }));
  assert.ok(fails({ data: { columns, rows: [['a', 'b']] } }));
  assert.ok(fails({ data: { columns: [{ name: 'x', type: 'date' }], rows: [] } }));
  assert.ok(fails({ data: { rows: [] } }));
});

test('accepts sensor coordinates and context event lists; rejects unknown context keys', () => {
  assert.ok(
    !fails({
      sensor_coordinates: { type: 'network.firewall', observables: [{ type: 'ip', value: '1.2.3.4' }] },
    }),
  );
  assert.ok(!fails({ context: { netflow_events: [{ type: 'NetflowEvent' }] } }));
  assert.ok(fails({ context: { dns_events: [] } }));
});

test('rejects a non-object', () => {
  for (const x of [null, undefined, 'sighting', [], 1])
    assert.equal(sightingSchema.safeParse(x).success, false);
});
