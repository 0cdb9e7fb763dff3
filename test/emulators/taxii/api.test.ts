// The TAXII 2.1 emulator over HTTPS: discovery, API roots, collections, objects with added_after,
// limit, next and match filters, the date-added headers, auth (Basic, bearer, 401, 403), 404, 406,
// the request limit with Retry-After, new versions (revocation), faults and determinism.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  COMMUNITY_COLLECTION,
  DEFAULT_TAXII_TOKEN,
  parseStamp,
  RESTRICTED_COLLECTION,
  VETTED_COLLECTION,
} from '../../../emulators/taxii/index.js';
import { ACCEPT, basic, taxiiTest } from './helpers.js';

const objectsPath = (id = VETTED_COLLECTION, query = '') => `/api1/collections/${id}/objects/${query}`;

describe('taxii emulator: discovery, roots and collections', () => {
  const t = taxiiTest();

  test('discovery names the default API root and every root', async () => {
    const r = await t.get('/taxii2/');
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'] ?? '', /^application\/taxii\+json;\s*version=2\.1/);
    assert.equal(r.body.default, t.em.apiRootUrl);
    assert.deepEqual(r.body.api_roots, [`${t.em.url}/api1/`, `${t.em.url}/trustgroup2/`]);
  });

  test('an API root lists TAXII 2.1 among its versions', async () => {
    const r = await t.get('/api1/');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.versions, [ACCEPT]);
    assert.equal((await t.get('/nope/')).status, 404);
  });

  test('collections say what the caller may read', async () => {
    const r = await t.get('/api1/collections/');
    const byId = new Map(r.body.collections.map((c: { id: string }) => [c.id, c]));
    assert.equal(byId.size, 3);
    assert.equal((byId.get(VETTED_COLLECTION) as { can_read: boolean }).can_read, true);
    assert.equal((byId.get(RESTRICTED_COLLECTION) as { can_read: boolean }).can_read, false);
    const one = await t.get(`/api1/collections/${COMMUNITY_COLLECTION}/`);
    assert.equal(one.body.title, 'Community indicators');
  });

  test('401 without or with wrong credentials, with the error resource and a challenge', async () => {
    for (const headers of [
      { accept: ACCEPT },
      { accept: ACCEPT, authorization: basic('taxii-reader', 'wrong') },
    ] as Array<Record<string, string>>) {
      const r = await t.get('/taxii2/', headers);
      assert.equal(r.status, 401);
      assert.equal(r.body.title, 'Unauthorized');
      assert.equal(r.body.http_status, '401');
      assert.match(r.headers['www-authenticate'] ?? '', /Basic/);
    }
  });

  test('a bearer token works like a user', async () => {
    const r = await t.get(objectsPath(), {
      accept: ACCEPT,
      authorization: `Bearer ${DEFAULT_TAXII_TOKEN.token}`,
    });
    assert.equal(r.status, 200);
  });

  test('406 for an Accept that does not take TAXII 2.1', async () => {
    for (const accept of ['application/json', 'application/taxii+json;version=2.0', '*/*']) {
      const r = await t.get('/taxii2/', { accept, authorization: basic() });
      assert.equal(r.status, 406, accept);
    }
    assert.equal(
      (await t.get('/taxii2/', { accept: 'application/taxii+json', authorization: basic() })).status,
      200,
    );
  });

  test('403 for a collection the caller may not read, 404 for an unknown one or one of another root', async () => {
    assert.equal((await t.get(objectsPath(RESTRICTED_COLLECTION))).status, 403);
    assert.equal((await t.get(objectsPath('0000'))).status, 404);
    assert.equal((await t.get(`/trustgroup2/collections/${VETTED_COLLECTION}/objects/`)).status, 404);
  });
});

describe('taxii emulator: objects', () => {
  const t = taxiiTest();

  test('pages with limit and next through the whole collection in date_added order, once each', async () => {
    const ids: string[] = [];
    let next: string | undefined;
    let pages = 0;
    let lastAdded = 0;
    do {
      const r = await t.get(
        objectsPath(VETTED_COLLECTION, `?limit=300${next ? `&next=${encodeURIComponent(next)}` : ''}`),
      );
      assert.equal(r.status, 200);
      pages++;
      ids.push(...r.body.objects.map((o: { id: string }) => o.id));
      const first = parseStamp(r.headers['x-taxii-date-added-first'] ?? '') as number;
      const last = parseStamp(r.headers['x-taxii-date-added-last'] ?? '') as number;
      assert.ok(first > lastAdded && last >= first);
      lastAdded = last;
      next = r.body.more ? r.body.next : undefined;
    } while (next);
    assert.equal(pages, 7);
    assert.equal(ids.length, 2000);
    assert.equal(new Set(ids).size, 2000);
  });

  test('the server caps limit, and refuses a bad limit, added_after or next', async () => {
    t.em.setMaxPageSize(50);
    const r = await t.get(objectsPath(VETTED_COLLECTION, '?limit=1000'));
    assert.equal(r.body.objects.length, 50);
    for (const q of ['?limit=0', '?limit=x', '?added_after=yesterday', '?next=garbage'])
      assert.equal((await t.get(objectsPath(VETTED_COLLECTION, q))).status, 400, q);
  });

  test('added_after returns only later objects, exclusive, at microsecond precision', async () => {
    const page = await t.get(objectsPath(VETTED_COLLECTION, '?limit=10'));
    const tenth = page.headers['x-taxii-date-added-last'] as string;
    assert.match(tenth, /\.\d{6}Z$/);
    const rest = await t.get(objectsPath(VETTED_COLLECTION, `?added_after=${tenth}&limit=1000`));
    assert.equal(rest.body.objects[0].id !== page.body.objects[9].id, true);
    const all = await t.get(objectsPath(VETTED_COLLECTION, '?limit=1000'));
    assert.equal(rest.body.objects[0].id, all.body.objects[10].id);
  });

  test('match[type] and match[spec_version] filter; an empty answer has no objects and no date headers', async () => {
    const r = await t.get(objectsPath(VETTED_COLLECTION, '?match[type]=malware,identity&limit=1000'));
    assert.ok(r.body.objects.length > 0);
    assert.ok(r.body.objects.every((o: { type: string }) => o.type === 'malware' || o.type === 'identity'));
    const none = await t.get(objectsPath(VETTED_COLLECTION, '?match[spec_version]=2.0'));
    assert.deepEqual(none.body, { more: false });
    assert.equal(none.headers['x-taxii-date-added-first'], undefined);
  });

  test('the collection mixes indicators of every kind with other objects', async () => {
    const r = await t.get(objectsPath(VETTED_COLLECTION, '?limit=1000'));
    const objects = r.body.objects as Array<Record<string, unknown>>;
    const types = new Set(objects.map((o) => o.type));
    for (const type of ['indicator', 'relationship', 'malware', 'identity', 'marking-definition'])
      assert.ok(types.has(type), type);
    const indicators = objects.filter((o) => o.type === 'indicator');
    assert.ok(indicators.some((o) => o.revoked === true));
    assert.ok(
      indicators.some((o) => typeof o.valid_until === 'string' && Date.parse(o.valid_until) < Date.now()),
    );
    assert.ok(indicators.some((o) => String(o.pattern).includes(' OR ')));
    assert.ok(indicators.some((o) => String(o.pattern).includes(' AND ')));
    assert.ok(indicators.some((o) => o.pattern_type === 'sigma'));
    assert.ok(indicators.some((o) => Array.isArray(o.object_marking_refs)));
    assert.ok(indicators.some((o) => typeof o.confidence === 'number'));
  });

  test('the same seed gives the same objects', async () => {
    const a = await t.get(objectsPath(COMMUNITY_COLLECTION, '?limit=20'));
    t.em.reset();
    const b = await t.get(objectsPath(COMMUNITY_COLLECTION, '?limit=20'));
    assert.deepEqual(a.body, b.body);
  });

  test('a revoked object comes back as a new version after the last date_added, and only once', async () => {
    const all = await t.get(objectsPath(COMMUNITY_COLLECTION, '?limit=1000'));
    const last = all.headers['x-taxii-date-added-last'] as string;
    const target = all.body.objects.find(
      (o: { type: string; revoked?: boolean }) => o.type === 'indicator' && !o.revoked,
    );
    const v2 = t.em.revokeObject(COMMUNITY_COLLECTION, target.id);
    assert.ok((parseStamp(v2.dateAdded) as number) > (parseStamp(last) as number));
    assert.ok(Date.parse(v2.object.modified as string) > Date.parse(target.modified));
    const later = await t.get(objectsPath(COMMUNITY_COLLECTION, `?added_after=${last}`));
    assert.deepEqual(
      later.body.objects.map((o: { id: string; revoked: boolean }) => [o.id, o.revoked]),
      [[target.id, true]],
    );
    const again = await t.get(objectsPath(COMMUNITY_COLLECTION, '?limit=1000'));
    assert.equal(again.body.objects.filter((o: { id: string }) => o.id === target.id).length, 1);
  });

  test('added objects appear at the end with date_added now', async () => {
    const [a] = t.em.addObjects(COMMUNITY_COLLECTION, [
      {
        type: 'indicator',
        id: 'indicator--00000000-0000-4000-8000-000000000001',
        pattern: "[url:value = 'http://a.example/']",
      },
    ]);
    const r = await t.get(objectsPath(COMMUNITY_COLLECTION, `?match[id]=${a?.object.id}`));
    assert.equal(r.body.objects.length, 1);
    assert.equal(r.headers['x-taxii-date-added-last'], a?.dateAdded);
  });
});

describe('taxii emulator: limits and faults', () => {
  const t = taxiiTest({ collections: [{ id: VETTED_COLLECTION, apiRoot: 'api1', title: 'v', size: 10 }] });

  test('the request limit answers 429 with Retry-After in seconds', async () => {
    t.em.setLimits({ perMinute: 2 });
    assert.equal((await t.get('/taxii2/')).status, 200);
    assert.equal((await t.get('/taxii2/')).status, 200);
    const r = await t.get('/taxii2/');
    assert.equal(r.status, 429);
    assert.equal(r.body.http_status, '429');
    assert.ok(Number(r.headers['retry-after']) >= 1);
  });

  test('faults answer as TAXII error resources, with Retry-After when asked', async () => {
    t.em.addFault({ path: '/api1/collections', status: 503, retryAfterSec: 2, times: 1 });
    const r = await t.get(objectsPath());
    assert.equal(r.status, 503);
    assert.equal(r.body.title, 'Service Unavailable');
    assert.equal(r.headers['retry-after'], '2');
    assert.equal((await t.get(objectsPath())).status, 200);
    t.em.addFault({ path: '/api1/collections', malformedBody: true, code: 'same-next', times: 1 });
    assert.deepEqual((await t.get(objectsPath(VETTED_COLLECTION, '?next=abc'))).body, {
      more: true,
      next: 'abc',
      objects: [],
    });
    assert.equal(t.em.requests().filter((e) => e.faults).length, 2);
  });
});
