import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CTIM_SCHEMA_VERSION,
  CtimError,
  checkCtim,
  indicator,
  indicatorSchema,
  judgement,
  type JudgementInput,
  judgementSchema,
  relationship,
  relationshipSchema,
  type SightingInput,
  sighting,
  sightingSchema,
  TRANSIENT_ID_PATTERN,
  transientId,
  verdict,
  verdictFor,
  verdictSchema,
} from '../../../src/relay/ctim/index.js';

const T = '2024-05-01T10:00:00Z';
const sha = { type: 'sha256', value: 'ab'.repeat(32) } as const;
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function throwsCtim(fn: () => unknown, entity: string, path?: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof CtimError);
    assert.equal(e.code, 'GSOC_CTIM_INVALID');
    assert.equal(e.entity, entity);
    if (path !== undefined)
      assert.ok(
        e.problems.some((p) => p.path === path),
        JSON.stringify(e.problems),
      );
    return true;
  });
}

test('transientId makes transient:<type>-<uuid4>', () => {
  const id = transientId('sighting');
  assert.match(id, TRANSIENT_ID_PATTERN);
  assert.ok(id.startsWith('transient:sighting-'));
  assert.match(id.slice('transient:sighting-'.length), UUID4);
});

test('transient ids do not repeat', () => {
  const ids = new Set(Array.from({ length: 1000 }, () => transientId('judgement')));
  assert.equal(ids.size, 1000);
});

test('transientId refuses a type that would make a confusing id', () => {
  for (const bad of ['', 'Sighting', 'sighting ', 'a/b', 'x\ny', '-x'])
    throwsCtim(() => transientId(bad), 'id');
});

test('sighting fills id, type, schema_version, count and confidence', () => {
  const s = sighting({ observed_time: { start_time: T }, observables: [sha] });
  assert.equal(s.type, 'sighting');
  assert.equal(s.schema_version, CTIM_SCHEMA_VERSION);
  assert.equal(s.count, 1);
  assert.equal(s.confidence, 'Unknown');
  assert.match(s.id, /^transient:sighting-/);
  assert.equal(sightingSchema.safeParse(s).success, true);
});

test('sighting keeps given values and leaves unset optional fields out', () => {
  const s = sighting({
    id: 'transient:sighting-fixed',
    count: 3,
    confidence: 'High',
    severity: 'Critical',
    observed_time: { start_time: T, end_time: T },
    title: undefined,
    source: 'Microsoft Graph Security',
  });
  assert.equal(s.id, 'transient:sighting-fixed');
  assert.equal(s.count, 3);
  assert.equal(s.confidence, 'High');
  assert.equal(s.severity, 'Critical');
  assert.equal('title' in s, false);
});

test('two sightings built alike get different ids', () => {
  const a = sighting({ observed_time: { start_time: T } });
  const b = sighting({ observed_time: { start_time: T } });
  assert.notEqual(a.id, b.id);
});

test('sighting throws GSOC_CTIM_INVALID on a bad mapping', () => {
  throwsCtim(
    () => sighting({ observed_time: { start_time: 'yesterday' } }),
    'sighting',
    'observed_time.start_time',
  );
  throwsCtim(
    () => sighting({ observed_time: { start_time: T }, severity: 'Severe' } as unknown as SightingInput),
    'sighting',
    'severity',
  );
  throwsCtim(
    () => sighting({ observed_time: { start_time: T }, title: 'x'.repeat(1025) }),
    'sighting',
    'title',
  );
  throwsCtim(
    () =>
      sighting({
        observed_time: { start_time: T },
        relations: [
          { origin: 'MDE', relation: 'Connect_To', source: sha, related: sha },
        ] as unknown as SightingInput['relations'],
      }),
    'sighting',
    'relations.0.relation',
  );
});

test('sighting cannot be made into another type by a stray field', () => {
  throwsCtim(
    () => sighting({ observed_time: { start_time: T }, type: 'judgement' } as unknown as SightingInput),
    'sighting',
    'type',
  );
});

test('judgement completes the disposition from either half', () => {
  const byNumber = judgement({ observable: sha, disposition: 2, source: 'graphsoc' });
  assert.equal(byNumber.disposition_name, 'Malicious');
  const byName = judgement({ observable: sha, disposition_name: 'Suspicious', source: 'graphsoc' });
  assert.equal(byName.disposition, 3);
});

test('judgement defaults: Unknown confidence and severity, automated priority 90, valid from now', () => {
  const before = Date.now();
  const j = judgement({ observable: sha, disposition: 1, source: 'graphsoc' });
  assert.equal(j.confidence, 'Unknown');
  assert.equal(j.severity, 'Unknown');
  assert.equal(j.priority, 90);
  assert.equal(j.schema_version, '1.3.29');
  assert.match(j.id, /^transient:judgement-/);
  const start = Date.parse(j.valid_time.start_time ?? '');
  assert.ok(start >= before - 1000 && start <= Date.now() + 1000);
  assert.equal(judgementSchema.safeParse(j).success, true);
});

test('judgement rejects a disposition/name mismatch', () => {
  throwsCtim(
    () => judgement({ observable: sha, disposition: 1, disposition_name: 'Malicious', source: 'x' }),
    'judgement',
    'disposition_name',
  );
});

test('judgement rejects an unknown disposition name and a missing source', () => {
  throwsCtim(
    () => judgement({ observable: sha, disposition_name: 'Evil', source: 'x' } as unknown as JudgementInput),
    'judgement',
  );
  throwsCtim(
    () => judgement({ observable: sha, disposition: 2 } as unknown as JudgementInput),
    'judgement',
    'source',
  );
});

test('verdict and verdictFor produce valid verdicts pointing at the judgement', () => {
  const j = judgement({ observable: sha, disposition: 2, source: 'graphsoc', valid_time: { start_time: T } });
  const v = verdictFor(j);
  assert.deepEqual(v, {
    type: 'verdict',
    disposition: 2,
    disposition_name: 'Malicious',
    valid_time: { start_time: T },
    observable: sha,
    judgement_id: j.id,
  });
  const w = verdict({ observable: sha, disposition_name: 'Clean' });
  assert.equal(w.disposition, 1);
  assert.equal(verdictSchema.safeParse(w).success, true);
  assert.equal('id' in w, false);
});

test('indicator and relationship get transient ids and validate', () => {
  const i = indicator({ producer: 'graphsoc', title: 'Watch list' });
  assert.match(i.id, /^transient:indicator-/);
  assert.equal(indicatorSchema.safeParse(i).success, true);
  const s = sighting({ observed_time: { start_time: T } });
  const r = relationship({ relationship_type: 'sighting-of', source_ref: s.id, target_ref: i.id });
  assert.match(r.id, /^transient:relationship-/);
  assert.equal(r.schema_version, '1.3.29');
  assert.equal(relationshipSchema.safeParse(r).success, true);
});

test('indicator and relationship reject bad input', () => {
  throwsCtim(() => indicator({ producer: '' }), 'indicator', 'producer');
  throwsCtim(
    () => relationship({ relationship_type: 'sighting-of', source_ref: 'nope', target_ref: 'transient:x' }),
    'relationship',
    'source_ref',
  );
});

test('checkCtim returns the parsed value or throws CtimError naming the entity', () => {
  assert.deepEqual(
    checkCtim('verdict', verdictSchema, { type: 'verdict', disposition: 5, observable: sha, valid_time: {} }),
    {
      type: 'verdict',
      disposition: 5,
      observable: sha,
      valid_time: {},
    },
  );
  throwsCtim(() => checkCtim('verdict', verdictSchema, null), 'verdict');
});
