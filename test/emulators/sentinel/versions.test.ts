// What the emulated workspace keeps: STIX versioning by `modified` (a later one replaces, the same or
// an earlier one is ignored), revocation, the legacy Upload Indicators API writing to the same store,
// and the ARM queryIndicators read with its filters and paging.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { http, type TestEmulator } from '../helpers.js';
import {
  indicator,
  LEGACY_PATH,
  managementToken,
  post,
  QUERY_PATH,
  STIX_PATH,
  startSentinel,
  stixBody,
  WORKSPACE,
} from './helpers.js';

describe('Sentinel workspace store (emulator)', () => {
  let t: TestEmulator;
  let token: string;
  before(async () => {
    t = await startSentinel();
    token = await managementToken(t);
  });
  after(() => t.close());
  const held = (id: unknown) => t.em.sentinelObjects(WORKSPACE).find((o) => o.id === id);

  test('a later modified replaces the object; the same or an earlier one is ignored', async () => {
    const v1 = indicator();
    assert.equal((await post(t, token, STIX_PATH, stixBody([v1]))).status, 200);
    assert.equal((await post(t, token, STIX_PATH, stixBody([v1]))).status, 200);
    assert.equal(held(v1.id)?.versions, 1);
    const v2 = { ...v1, modified: '2024-07-01T00:00:00.000Z', confidence: 40 };
    await post(t, token, STIX_PATH, stixBody([v2]));
    const older = { ...v1, modified: '2024-06-20T00:00:00.000Z', confidence: 10 };
    const r = await post(t, token, STIX_PATH, stixBody([older]));
    assert.equal(r.status, 200);
    assert.equal(r.text, '');
    assert.equal(held(v1.id)?.versions, 2);
    assert.equal(held(v1.id)?.object.confidence, 40);
  });

  test('revoked: true marks the object revoked', async () => {
    const live = indicator();
    await post(t, token, STIX_PATH, stixBody([live]));
    await post(
      t,
      token,
      STIX_PATH,
      stixBody([{ ...live, modified: '2024-08-01T00:00:00.000Z', revoked: true }]),
    );
    assert.equal(held(live.id)?.revoked, true);
  });

  test('the legacy Upload Indicators API stores into the same workspace and takes only indicators', async () => {
    const legacy = indicator();
    const r = await post(t, token, LEGACY_PATH, { sourcesystem: 'legacy', indicators: [legacy] });
    assert.equal(r.status, 200);
    assert.equal(held(legacy.id)?.api, 'upload-indicators');
    const other = await post(t, token, LEGACY_PATH, {
      sourcesystem: 'legacy',
      indicators: [
        legacy,
        { ...legacy, type: 'attack-pattern', id: 'attack-pattern--5e57c739-391a-4eb3-b6be-000000000001' },
      ],
    });
    assert.equal(other.body.errors[0].recordIndex, 1);
    const stixKey = await post(t, token, LEGACY_PATH, stixBody([legacy]));
    assert.equal(stixKey.status, 400);
    const wrongVersion = await post(t, token, LEGACY_PATH.replace('2022-07-01', '2024-02-01-preview'), {});
    assert.equal(wrongVersion.status, 400);
  });

  test('queryIndicators reads indicators back through ARM, filtered and paged', async () => {
    const source = 'query source';
    const objects = Array.from({ length: 5 }, () => indicator());
    await post(t, token, STIX_PATH, { sourcesystem: source, stixobjects: objects });
    const revoked = { ...objects[0], modified: '2024-09-01T00:00:00.000Z', revoked: true };
    await post(t, token, STIX_PATH, { sourcesystem: source, stixobjects: [revoked] });
    const query = (url: string, body: unknown) =>
      http(t.agent, url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const first = await query(`${t.em.sentinelUrl}${QUERY_PATH}`, { sources: [source], pageSize: 3 });
    assert.equal(first.status, 200);
    assert.equal(first.body.value.length, 3);
    assert.ok(first.body.nextLink.includes('%24skipToken=') || first.body.nextLink.includes('$skipToken='));
    const second = await query(first.body.nextLink, { sources: [source], pageSize: 3 });
    assert.equal(second.body.value.length, 1);
    assert.equal(second.body.nextLink, undefined);
    const all = await query(`${t.em.sentinelUrl}${QUERY_PATH}`, { sources: [source], includeDisabled: true });
    const ids = all.body.value.map((v: { properties: { externalId: string } }) => v.properties.externalId);
    assert.deepEqual(new Set(ids), new Set(objects.map((o) => o.id)));
    const gone = all.body.value.find(
      (v: { properties: { externalId: string } }) => v.properties.externalId === objects[0]?.id,
    );
    assert.equal(gone.properties.revoked, true);
    assert.equal(gone.properties.pattern, objects[0]?.pattern);
    const missing = await query(`${t.em.sentinelUrl}${QUERY_PATH.replace('soc-workspace', 'nope')}`, {});
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'ResourceNotFound');
  });
});
