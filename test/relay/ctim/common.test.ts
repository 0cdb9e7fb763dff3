import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compareInstants,
  entityIdSchema,
  externalReferenceSchema,
  isLongId,
  isShortId,
  isTransientId,
  isoDateTime,
  observableSchema,
  observedTimeSchema,
  referenceSchema,
  schemaVersionSchema,
  uri,
  validTimeSchema,
} from '../../../src/relay/ctim/index.js';

const UUID = 'de305d54-75b4-431b-adb2-eb6b9e546014';
const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) =>
  schema.safeParse(v).success;

test('transient ids are transient: followed by anything on one line', () => {
  assert.equal(isTransientId(`transient:sighting-${UUID}`), true);
  assert.equal(isTransientId('transient:196c5af9-6a2b-4a1c-9c6e-8d2a6a1b2c3d'), true);
  assert.equal(isTransientId('transient:anything at all'), true);
  for (const bad of [
    'transient',
    'Transient:x',
    ' transient:x',
    'transientx',
    'transient:a\nb',
    'x transient:y',
  ]) {
    assert.equal(isTransientId(bad), false, bad);
  }
  assert.equal(isTransientId(`transient:${'a'.repeat(2100)}`), false);
});

test('long ids need http(s), /ctia/<type>/<type>-<uuid> and agreeing types', () => {
  assert.equal(isLongId(`https://private.intel.amp.cisco.com:443/ctia/judgement/judgement-${UUID}`), true);
  assert.equal(isLongId(`http://localhost/ctia/attack-pattern/attack-pattern-${UUID}`), true);
  assert.equal(isLongId(`https://h.example/base/path/ctia/sighting/sighting-${UUID}`, 'sighting'), true);
  assert.equal(isLongId(`https://h.example/ctia/sighting/sighting-${UUID}`, 'judgement'), false);
  assert.equal(isLongId(`https://h.example/ctia/sighting/judgement-${UUID}`), false);
  assert.equal(isLongId(`ftp://h.example/ctia/sighting/sighting-${UUID}`), false);
  assert.equal(isLongId(`https://h.example/ctia/sighting/sighting-not-a-uuid`), false);
  assert.equal(isLongId(`https://h.example/ctia/sighting/sighting-${UUID}?x=1`), false);
  assert.equal(isLongId(`https://${'a'.repeat(2100)}/ctia/sighting/sighting-${UUID}`), false);
});

test('short ids are <type>-<uuid>', () => {
  assert.equal(isShortId(`judgement-${UUID}`), true);
  assert.equal(isShortId(`attack-pattern-${UUID}`), true);
  assert.equal(isShortId(UUID), false);
  assert.equal(isShortId(`judgement-${UUID}x`), false);
  assert.equal(isShortId(`Judgement-${UUID}`), false);
});

test("an entity id is transient or a long id of the entity's own type", () => {
  const id = entityIdSchema('sighting');
  assert.equal(ok(id, 'transient:sighting-1'), true);
  assert.equal(ok(id, `https://h.example/ctia/sighting/sighting-${UUID}`), true);
  assert.equal(ok(id, `https://h.example/ctia/judgement/judgement-${UUID}`), false);
  assert.equal(ok(id, `sighting-${UUID}`), false);
  assert.equal(ok(id, ''), false);
  assert.equal(ok(id, 42), false);
  assert.equal(ok(id, null), false);
});

test('a reference is transient or a long id of any type', () => {
  assert.equal(ok(referenceSchema, `https://h.example/ctia/indicator/indicator-${UUID}`), true);
  assert.equal(ok(referenceSchema, 'transient:judgement-x'), true);
  assert.equal(ok(referenceSchema, 'judgement-x'), false);
  assert.equal(ok(referenceSchema, 'https://example.com/'), false);
});

test('timestamps must be ISO-8601 with a zone; any fraction precision', () => {
  for (const good of ['2019-12-11T03:41:59Z', '2019-12-11T03:41:59.1234567Z', '2024-02-29T00:00:00+02:00']) {
    assert.equal(ok(isoDateTime, good), true, good);
  }
  for (const bad of [
    '2019-12-11T03:41:59',
    '2019-12-11',
    '2019-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2019-13-01T00:00:00Z',
    '2019-12-11T25:00:00Z',
    '11/12/2019 03:41',
    'yesterday',
    '',
    1576035719000,
    null,
  ]) {
    assert.equal(ok(isoDateTime, bad), false, String(bad));
  }
});

test('observed time needs start_time and refuses an end before the start', () => {
  assert.equal(ok(observedTimeSchema, { start_time: '2020-01-01T00:00:00Z' }), true);
  assert.equal(
    ok(observedTimeSchema, { start_time: '2020-01-01T00:00:00Z', end_time: '2020-01-01T00:00:00Z' }),
    true,
  );
  assert.equal(ok(observedTimeSchema, {}), false);
  assert.equal(ok(observedTimeSchema, { end_time: '2020-01-01T00:00:00Z' }), false);
  const r = observedTimeSchema.safeParse({
    start_time: '2020-01-02T00:00:00Z',
    end_time: '2020-01-01T00:00:00Z',
  });
  assert.equal(r.success, false);
  assert.deepEqual(r.error?.issues[0]?.path, ['end_time']);
});

test('observed time compares instants, not strings, across zones', () => {
  // 01:00+02:00 is 23:00Z the day before, so this end is after the start.
  const t = { start_time: '2020-01-01T22:30:00Z', end_time: '2020-01-02T01:00:00+02:00' };
  assert.equal(ok(observedTimeSchema, t), true);
});

test('observed time tells apart instants within one millisecond by their further digits', () => {
  const start = '2026-03-02T09:00:00.1234567Z';
  assert.equal(ok(observedTimeSchema, { start_time: start, end_time: '2026-03-02T09:00:00.1234568Z' }), true);
  assert.equal(ok(observedTimeSchema, { start_time: start, end_time: start }), true);
  assert.equal(ok(observedTimeSchema, { start_time: start, end_time: '2026-03-02T09:00:00.1234Z' }), false);
  assert.equal(ok(observedTimeSchema, { start_time: start, end_time: '2026-03-02T09:00:00.123Z' }), false);
});

test('compareInstants orders to the last digit, across zones and precisions', () => {
  const sign = (a: string, b: string) => Math.sign(compareInstants(a, b));
  assert.equal(sign('2026-03-02T09:00:00.1234567Z', '2026-03-02T09:00:00.1234568Z'), -1);
  assert.equal(sign('2026-03-02T09:00:00.1234567Z', '2026-03-02T09:00:00.123Z'), 1);
  assert.equal(sign('2026-03-02T09:00:00.1230000Z', '2026-03-02T09:00:00.123Z'), 0);
  assert.equal(sign('2026-03-02T11:00:00.1234567+02:00', '2026-03-02T09:00:00.1234567Z'), 0);
  assert.equal(sign('2026-03-02T11:00:00.1234568+02:00', '2026-03-02T09:00:00.1234567Z'), 1);
  assert.equal(sign('2026-03-02T09:00:01Z', '2026-03-02T09:00:00.9999999Z'), 1);
});

test('valid time may be open at either end but not reversed', () => {
  assert.equal(ok(validTimeSchema, {}), true);
  assert.equal(ok(validTimeSchema, { end_time: '2525-01-01T00:00:00Z' }), true);
  assert.equal(
    ok(validTimeSchema, { start_time: '2020-01-02T00:00:00Z', end_time: '2020-01-01T00:00:00Z' }),
    false,
  );
  assert.equal(ok(validTimeSchema, { start_time: 'soon' }), false);
  assert.equal(ok(validTimeSchema, { start: '2020-01-01T00:00:00Z' }), false);
});

test('an observable has a CTIM type and a non-empty value, and nothing else', () => {
  assert.equal(ok(observableSchema, { type: 'ip', value: '1.1.1.1' }), true);
  assert.equal(ok(observableSchema, { type: 'ip', value: '' }), false);
  assert.equal(ok(observableSchema, { type: 'ipv4', value: '1.1.1.1' }), false);
  assert.equal(ok(observableSchema, { type: 'ip' }), false);
  assert.equal(ok(observableSchema, { type: 'ip', value: 1 }), false);
  assert.equal(ok(observableSchema, { type: 'ip', value: '1.1.1.1', extra: true }), false);
  assert.equal(ok(observableSchema, ['ip', '1.1.1.1']), false);
});

test('an external reference needs a source_name of at most 2048 characters', () => {
  assert.equal(ok(externalReferenceSchema, { source_name: 'Graph', url: 'https://x.example/a' }), true);
  assert.equal(ok(externalReferenceSchema, { url: 'https://x.example/a' }), false);
  assert.equal(ok(externalReferenceSchema, { source_name: '' }), false);
  assert.equal(ok(externalReferenceSchema, { source_name: 'a'.repeat(2049) }), false);
  assert.equal(ok(externalReferenceSchema, { source_name: 'G', description: 'd'.repeat(5001) }), false);
  assert.equal(ok(externalReferenceSchema, { source_name: 'G', url: 'not a url' }), false);
});

test('URIs must be absolute', () => {
  assert.equal(ok(uri, 'https://security.microsoft.com/alerts/1'), true);
  assert.equal(ok(uri, '/alerts/1'), false);
  assert.equal(ok(uri, ''), false);
});

test('schema_version is three dot-separated parts', () => {
  for (const v of ['1.3.29', '1.0.12']) assert.equal(ok(schemaVersionSchema, v), true, v);
  for (const v of ['1.3', '1.3.29.1', 'v1', '', '1..3']) assert.equal(ok(schemaVersionSchema, v), false, v);
});
