// The emulated STIX objects upload API: success with an empty body, per-record errors at the right
// index in a 200, 400 when nothing is valid or the request is malformed, and every auth failure.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TENANT, type TestEmulator } from '../helpers.js';
import {
  indicator,
  managementToken,
  post,
  STIX_PATH,
  startSentinel,
  stixBody,
  WORKSPACE,
} from './helpers.js';

describe('Sentinel STIX objects upload (emulator)', () => {
  let t: TestEmulator;
  let token: string;
  before(async () => {
    t = await startSentinel();
    token = await managementToken(t);
  });
  after(() => t.close());

  test('answers 200 with an empty body when every object is valid, and stores them', async () => {
    const objects = [indicator(), indicator({ revoked: false, labels: ['a', 'b'] })];
    const r = await post(t, token, STIX_PATH, stixBody(objects));
    assert.equal(r.status, 200);
    assert.equal(r.text, '');
    const stored = t.em.sentinelObjects(WORKSPACE);
    for (const o of objects) {
      const s = stored.find((x) => x.id === o.id);
      assert.equal(s?.versions, 1);
      assert.equal(s?.sourceSystem, 'graphsoc tests');
    }
  });

  test('reports invalid objects by record index in a 200 and keeps the valid ones', async () => {
    const objects: unknown[] = [
      indicator(),
      indicator({ id: undefined }),
      indicator({ confidence: 101 }),
      indicator({ valid_until: '2024-06-10T06:56:40.000Z' }),
      indicator({ pattern: "[ipv4-addr:value = '1.2.3.4'" }),
      indicator({ pattern: 'alert tcp any any', pattern_type: 'snort' }),
      indicator({ type: 'malware' }),
      indicator({ created: '2024-13-01T00:00:00Z' }),
      indicator({ id: 'attack-pattern--6f1c3f0e-5c0b-4b2e-9d0a-2f7a1e0c9b11' }),
      'not an object',
    ];
    const r = await post(t, token, STIX_PATH, stixBody(objects));
    assert.equal(r.status, 200);
    const byIndex = new Map<number, string[]>(
      r.body.errors.map((e: { recordIndex: number; errorMessages: string[] }) => [
        e.recordIndex,
        e.errorMessages,
      ]),
    );
    assert.deepEqual([...byIndex.keys()], [1, 2, 3, 4, 6, 7, 8, 9]);
    assert.deepEqual(byIndex.get(1), [
      'Error for Property=id: Required property is missing. Actual value: NULL.',
    ]);
    assert.match(byIndex.get(2)?.[0] ?? '', /^Error for Property=confidence: .*Actual value: 101\.$/);
    assert.match(byIndex.get(3)?.[0] ?? '', /^Error for Property=valid_until: Must be later than valid_from/);
    assert.match(byIndex.get(4)?.[0] ?? '', /^Error for Property=pattern: Invalid STIX pattern/);
    assert.match(byIndex.get(6)?.[0] ?? '', /^Error for Property=type: Unsupported object type/);
    assert.match(byIndex.get(7)?.[0] ?? '', /^Error for Property=created:/);
    assert.match(byIndex.get(8)?.[0] ?? '', /^Error for Property=id: Expected indicator--<UUID>/);
    const stored = new Set(t.em.sentinelObjects(WORKSPACE).map((o) => o.id));
    const idAt = (i: number) => String((objects[i] as { id: string }).id);
    assert.ok(stored.has(idAt(0)) && stored.has(idAt(5)));
    assert.ok(!stored.has(idAt(2)));
  });

  test('takes the other four STIX object types', async () => {
    const uuid = (n: number) => `5e57c739-391a-4eb3-b6be-${String(n).padStart(12, '0')}`;
    const common = {
      spec_version: '2.1',
      created: '2016-08-23T18:05:49.307Z',
      modified: '2016-08-23T18:05:49.307Z',
    };
    const objects = [
      {
        ...common,
        type: 'identity',
        id: `identity--${uuid(1)}`,
        name: 'Disco Team',
        identity_class: 'organization',
      },
      {
        ...common,
        type: 'threat-actor',
        id: `threat-actor--${uuid(2)}`,
        name: 'Disco Team Threat Actor Group',
      },
      { ...common, type: 'attack-pattern', id: `attack-pattern--${uuid(3)}`, name: 'Spear Phishing' },
      {
        ...common,
        type: 'relationship',
        id: `relationship--${uuid(4)}`,
        relationship_type: 'attributed-to',
        source_ref: `threat-actor--${uuid(2)}`,
        target_ref: `identity--${uuid(1)}`,
      },
      { ...common, type: 'threat-actor', id: `threat-actor--${uuid(5)}` },
    ];
    const r = await post(t, token, STIX_PATH, stixBody(objects));
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.errors, [
      {
        recordIndex: 4,
        errorMessages: ['Error for Property=name: Required property is missing. Actual value: NULL.'],
      },
    ]);
  });

  test('answers 400 when no object is valid or the request as a whole is malformed', async () => {
    const none = await post(t, token, STIX_PATH, stixBody([indicator({ pattern: undefined })]));
    assert.equal(none.status, 400);
    assert.equal(none.body.errors[0].recordIndex, 0);
    const tooMany = await post(t, token, STIX_PATH, stixBody(Array.from({ length: 101 }, () => indicator())));
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.body.message, /At most 100 objects/);
    const hundred = await post(t, token, STIX_PATH, stixBody(Array.from({ length: 100 }, () => indicator())));
    assert.equal(hundred.status, 200);
    for (const [body, why] of [
      [{ stixobjects: [indicator()] }, /sourcesystem: Required property is missing/],
      [{ sourcesystem: 'Microsoft Sentinel', stixobjects: [indicator()] }, /restricted/],
      [{ sourcesystem: 'x' }, /stixobjects: Required property/],
      [{ sourcesystem: 'x', stixobjects: [] }, /At least one/],
      [[indicator()], /JSON object/],
    ] as const) {
      const r = await post(t, token, STIX_PATH, body);
      assert.equal(r.status, 400);
      assert.equal(r.body.statusCode, 400);
      assert.match(r.body.message, why);
    }
    assert.equal((await post(t, token, STIX_PATH, '{"sourcesystem":')).status, 400);
  });

  test('answers 400 for another api-version and 404 for the hyphen-less path and unknown workspaces', async () => {
    const body = stixBody([indicator()]);
    const wrongVersion = await post(t, token, STIX_PATH.replace('2024-02-01-preview', '2022-07-01'), body);
    assert.equal(wrongVersion.status, 400);
    assert.match(wrongVersion.body.message, /api-version/);
    const typo = await post(t, token, STIX_PATH.replace('threat-intelligence-', 'threatintelligence-'), body);
    assert.equal(typo.status, 404);
    const unknown = await post(
      t,
      token,
      STIX_PATH.replace(WORKSPACE, '99999999-4f50-4a6b-8c7d-9e0f1a2b3c4d'),
      body,
    );
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.message, /99999999-4f50-4a6b-8c7d-9e0f1a2b3c4d/);
  });

  test('answers 401 without a valid management token and 403 to an app without the role', async () => {
    const body = stixBody([indicator()]);
    assert.equal((await post(t, undefined, STIX_PATH, body)).status, 401);
    const expired = await post(t, await managementToken(t, { offsetSec: -7200 }), STIX_PATH, body);
    assert.equal(expired.status, 401);
    assert.match(expired.body.message, /expired/);
    const graph = await post(
      t,
      await managementToken(t, { resource: 'https://graph.microsoft.com' }),
      STIX_PATH,
      body,
    );
    assert.equal(graph.status, 401);
    assert.match(graph.body.message, /audience/);
    const core = await managementToken(t, { resource: 'https://management.core.windows.net' });
    assert.equal((await post(t, core, STIX_PATH, body)).status, 200);
    const other = 'b2b2b2b2-0000-4000-8000-00000000c1e7';
    t.em.registerApp({ tenantId: TENANT, clientId: other, secrets: ['x'] });
    const stranger = await t.em.issueAccessToken({
      tenantId: TENANT,
      clientId: other,
      resource: 'https://management.azure.com',
    });
    const denied = await post(t, stranger, STIX_PATH, body);
    assert.equal(denied.status, 403);
    assert.match(denied.body.message, /Microsoft Sentinel Contributor/);
  });
});
