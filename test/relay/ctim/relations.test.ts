import assert from 'node:assert/strict';
import { test } from 'node:test';
import { observedRelationNameSchema, observedRelationSchema } from '../../../src/relay/ctim/index.js';

const base = {
  origin: 'Microsoft Defender for Endpoint',
  source: { type: 'ip', value: '10.0.0.5' },
  related: { type: 'domain', value: 'evil.example' },
};

test('accepts Connected_To between two observables', () => {
  assert.equal(observedRelationSchema.safeParse({ ...base, relation: 'Connected_To' }).success, true);
});

test('rejects Connect_To, the non-CTIM name the MDE relay sends', () => {
  assert.equal(observedRelationNameSchema.safeParse('Connect_To').success, false);
  const r = observedRelationSchema.safeParse({ ...base, relation: 'Connect_To' });
  assert.equal(r.success, false);
  assert.deepEqual(
    r.error?.issues.map((i) => i.path),
    [['relation']],
  );
});

test('rejects relation names in the wrong case or spelling', () => {
  for (const name of ['connected_to', 'CONNECTED_TO', 'Connected To', 'Subdomain_Of', '', 'File_Name']) {
    assert.equal(observedRelationNameSchema.safeParse(name).success, false, name);
  }
});

test("rejects the Graph seed's {sha256: …} shorthand for the related observable", () => {
  const r = observedRelationSchema.safeParse({
    origin: 'Microsoft Graph Security',
    relation: 'File_Name_Of',
    source: { file_name: 'evil.exe' },
    related: { sha256: 'ab'.repeat(32) },
  });
  assert.equal(r.success, false);
});

test('accepts File_Name_Of with proper observables and an origin_uri', () => {
  const r = observedRelationSchema.safeParse({
    origin: 'Microsoft Graph Security',
    origin_uri: 'https://security.microsoft.com/alerts/da1',
    relation: 'File_Name_Of',
    source: { type: 'file_name', value: 'evil.exe' },
    related: { type: 'sha256', value: 'ab'.repeat(32) },
    relation_info: { note: 'from fileEvidence' },
  });
  assert.equal(r.success, true);
});

test('requires origin, source, related and relation', () => {
  for (const key of ['origin', 'source', 'related', 'relation'] as const) {
    const o: Record<string, unknown> = { ...base, relation: 'Connected_To' };
    delete o[key];
    const r = observedRelationSchema.safeParse(o);
    assert.equal(r.success, false, key);
    assert.deepEqual(r.error?.issues[0]?.path, [key]);
  }
});

test('rejects an empty origin and unknown keys', () => {
  assert.equal(
    observedRelationSchema.safeParse({ ...base, relation: 'Connected_To', origin: '' }).success,
    false,
  );
  assert.equal(
    observedRelationSchema.safeParse({ ...base, relation: 'Connected_To', confidence: 'High' }).success,
    false,
  );
});
