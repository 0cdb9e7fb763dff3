import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundle, ctimBundleSchema, judgement, sighting, verdictFor } from '../../../src/relay/ctim/index.js';

const T = '2024-05-01T10:00:00Z';
const ip = { type: 'ip', value: '203.0.113.9' } as const;

test('an answer with nothing found is an empty object', () => {
  assert.deepEqual(bundle({}), {});
  assert.deepEqual(
    bundle({ sightings: [], judgements: [], verdicts: [], indicators: [], relationships: [] }),
    {},
  );
});

test('empty kinds are omitted and others carry count and docs', () => {
  const s1 = sighting({ observed_time: { start_time: T }, observables: [ip] });
  const s2 = sighting({ observed_time: { start_time: T }, observables: [ip] });
  const data = bundle({ sightings: [s1, s2], judgements: [] });
  assert.deepEqual(Object.keys(data), ['sightings']);
  assert.equal(data.sightings?.count, 2);
  assert.deepEqual(data.sightings?.docs, [s1, s2]);
  assert.equal(ctimBundleSchema.safeParse(data).success, true);
});

test('kinds appear in the seeds order: verdicts, judgements, sightings, indicators, relationships', () => {
  const j = judgement({ observable: ip, disposition: 2, source: 'graphsoc' });
  const data = bundle({
    sightings: [sighting({ observed_time: { start_time: T } })],
    judgements: [j],
    verdicts: [verdictFor(j)],
  });
  assert.deepEqual(Object.keys(data), ['verdicts', 'judgements', 'sightings']);
  assert.equal(ctimBundleSchema.safeParse(JSON.parse(JSON.stringify(data))).success, true);
});

test('the bundle copies the lists, so later pushes do not change it', () => {
  const list = [sighting({ observed_time: { start_time: T } })];
  const data = bundle({ sightings: list });
  list.push(sighting({ observed_time: { start_time: T } }));
  assert.equal(data.sightings?.docs.length, 1);
});

test('the schema rejects a count that disagrees with docs, unknown kinds and invalid docs', () => {
  const s = sighting({ observed_time: { start_time: T } });
  assert.equal(ctimBundleSchema.safeParse({ sightings: { count: 2, docs: [s] } }).success, false);
  assert.equal(ctimBundleSchema.safeParse({ sightings: { docs: [s] } }).success, false);
  assert.equal(ctimBundleSchema.safeParse({ incidents: { count: 0, docs: [] } }).success, false);
  assert.equal(
    ctimBundleSchema.safeParse({ sightings: { count: 1, docs: [{ ...s, count: -1 }] } }).success,
    false,
  );
  assert.equal(ctimBundleSchema.safeParse({ judgements: { count: 1, docs: [s] } }).success, false);
});
