// The TAXII client against the emulator over HTTPS: the API root from discovery (default, chosen,
// or the configured URL itself), collections and their read check, objects paged with next,
// typed errors for 401/403/404, the credential kept to its host, and the connection's config checks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  COMMUNITY_COLLECTION,
  DEFAULT_TAXII_TOKEN,
  DEFAULT_TAXII_USER,
  PARTNER_COLLECTION,
  RESTRICTED_COLLECTION,
  startTaxiiEmulator,
  VETTED_COLLECTION,
} from '../../../emulators/taxii/index.js';
import {
  checkCollections,
  listCollections,
  readObjects,
  taxiiConnection,
  taxiiSchema,
} from '../../../src/connectors/taxii/index.js';
import { all, taxiiFixture } from './helpers.js';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

describe('taxii client: API root and collections', () => {
  const f = taxiiFixture();

  test('takes the discovery default as the API root, once', async () => {
    const c = f.client();
    assert.equal((await c.apiRoot()).href, f.em.apiRootUrl);
    await c.ping();
    await listCollections(c);
    assert.equal(f.em.requests().filter((r) => r.path === '/taxii2/').length, 1);
  });

  test('takes taxii.apiRoot as a path on the discovery host', async () => {
    const c = f.client({ apiRoot: '/trustgroup2/', collectionIds: [PARTNER_COLLECTION] });
    assert.equal((await c.apiRoot()).href, `${f.em.url}/trustgroup2/`);
    assert.equal((await checkCollections(c))[0]?.id, PARTNER_COLLECTION);
  });

  test('takes an API root URL as it is', async () => {
    const c = f.client({ url: f.em.apiRootUrl });
    assert.equal((await c.apiRoot()).href, f.em.apiRootUrl);
    assert.equal(f.em.requests().filter((r) => r.path === '/taxii2/').length, 0);
  });

  test('refuses an API root on another host, before sending the credential there', async () => {
    const c = f.client({ apiRoot: 'https://feed.other.example/api1/' });
    await assert.rejects(c.apiRoot(), code('GSOC_TAXII_NO_API_ROOT'));
  });

  test('lists collections; checkCollections refuses one that says can_read false', async () => {
    const c = f.client({ collectionIds: [VETTED_COLLECTION, RESTRICTED_COLLECTION] });
    assert.equal((await listCollections(c)).length, 3);
    await assert.rejects(checkCollections(c), (e: unknown) => {
      assert.ok(code('GSOC_TAXII_NOT_READABLE')(e));
      assert.match((e as Error).message, new RegExp(RESTRICTED_COLLECTION));
      return true;
    });
  });
});

describe('taxii client: objects and errors', () => {
  const f = taxiiFixture();

  test('pages a collection with next, once each object', async () => {
    const pages = await all(readObjects(f.client({ pageSize: 300 }), VETTED_COLLECTION));
    assert.equal(pages.length, 7);
    const ids = pages.flatMap((p) => p.objects.map((o) => (o as { id: string }).id));
    assert.equal(new Set(ids).size, 2000);
    assert.ok(pages.slice(0, -1).every((p) => p.more && p.next));
    assert.equal(pages.at(-1)?.more, false);
    assert.ok(pages.every((p) => p.dateAddedLast !== undefined));
  });

  test('takes fewer than asked when the server caps the page', async () => {
    f.em.setMaxPageSize(100);
    const pages = await all(readObjects(f.client(), COMMUNITY_COLLECTION));
    assert.equal(pages.length, 5);
  });

  test('a bearer token works like a user', async () => {
    const c = f.client({ username: undefined, password: undefined, token: DEFAULT_TAXII_TOKEN.token });
    assert.equal((await all(readObjects(c, COMMUNITY_COLLECTION))).length, 1);
  });

  test('401 is AUTH_REJECTED and the message holds no password', async () => {
    const c = f.client({ password: 'wrong-password-123' });
    await assert.rejects(c.ping(), (e: unknown) => {
      assert.ok(code('GSOC_TAXII_AUTH_REJECTED')(e));
      assert.doesNotMatch((e as Error).message, /wrong-password-123/);
      assert.match((e as Error).message, /Unauthorized/);
      return true;
    });
  });

  test('403 for a collection we may not read, 404 for one that does not exist', async () => {
    const c = f.client();
    await assert.rejects(all(readObjects(c, RESTRICTED_COLLECTION)), code('GSOC_TAXII_FORBIDDEN'));
    await assert.rejects(all(readObjects(c, 'no-such-collection')), code('GSOC_TAXII_NOT_FOUND'));
  });

  test('sends the credential to its own host only', async () => {
    const other = await startTaxiiEmulator({ ca: undefined });
    try {
      const c = f.client({}, { caPem: `${f.em.caPem}\n${other.caPem}` });
      await assert.rejects(c.get(new URL(other.discoveryUrl), taxiiSchema), code('GSOC_TAXII_AUTH_REJECTED'));
      assert.equal(other.requests()[0]?.appId, undefined);
      assert.equal(other.requests()[0]?.status, 401);
    } finally {
      await other.close();
    }
  });
});

describe('taxii client: throttling, failures and bad answers', () => {
  const f = taxiiFixture({ collections: [{ id: VETTED_COLLECTION, apiRoot: 'api1', title: 'v', size: 50 }] });
  const objectsPath = `/api1/collections/${VETTED_COLLECTION}/objects/`;

  test('waits out 429 and 503 with Retry-After and loses nothing', async () => {
    f.em.addFault({ path: objectsPath, status: 429, retryAfterSec: 0, times: 2 });
    f.em.addFault({ path: objectsPath, status: 503, retryAfterSec: 0, times: 1 });
    const pages = await all(readObjects(f.client({ pageSize: 20 }), VETTED_COLLECTION));
    assert.equal(pages.flatMap((p) => p.objects).length, 50);
    assert.equal(f.em.requests().filter((r) => r.status === 429).length, 2);
  });

  test('keeps to a per-minute limit by waiting what Retry-After says', async () => {
    f.em.setLimits({ perMinute: 3, timeScale: 60 });
    const pages = await all(readObjects(f.client({ pageSize: 10 }), VETTED_COLLECTION));
    assert.equal(pages.length, 5);
    assert.ok(f.em.requests().some((r) => r.status === 429));
  });

  test('a 429 that does not end is THROTTLED, a 500 SERVICE_FAILED', async () => {
    f.em.addFault({ path: objectsPath, status: 429, retryAfterSec: 0 });
    await assert.rejects(all(readObjects(f.client(), VETTED_COLLECTION)), code('GSOC_TAXII_THROTTLED'));
    f.em.clearFaults();
    f.em.addFault({ path: objectsPath, status: 500, code: 'E42' });
    await assert.rejects(all(readObjects(f.client(), VETTED_COLLECTION)), (e: unknown) => {
      assert.ok(code('GSOC_TAXII_SERVICE_FAILED')(e));
      assert.match((e as Error).message, /E42/);
      return true;
    });
  });

  test('an HTML or misshapen answer is BAD_RESPONSE; a next that does not move is PAGING_STUCK', async () => {
    f.em.addFault({ path: objectsPath, malformedBody: true, code: 'html', times: 1 });
    await assert.rejects(all(readObjects(f.client(), VETTED_COLLECTION)), code('GSOC_TAXII_BAD_RESPONSE'));
    f.em.addFault({ path: objectsPath, malformedBody: true, code: 'shape', times: 1 });
    await assert.rejects(all(readObjects(f.client(), VETTED_COLLECTION)), code('GSOC_TAXII_BAD_RESPONSE'));
    f.em.addFault({ path: objectsPath, malformedBody: true, code: 'same-next' });
    await assert.rejects(
      all(readObjects(f.client(), VETTED_COLLECTION, { next: 'abc' })),
      code('GSOC_TAXII_PAGING_STUCK'),
    );
  });
});

describe('taxii connection: configuration', () => {
  test('names what is missing', () => {
    assert.throws(() => taxiiConnection({}), /missing url, collectionIds/);
    assert.throws(
      () => taxiiConnection({ url: 'https://x.example/taxii2', collectionIds: ['a'], username: 'u' }),
      code('GSOC_TAXII_NOT_CONFIGURED'),
    );
    assert.throws(
      () =>
        taxiiConnection({
          url: 'https://x.example/taxii2',
          collectionIds: ['a'],
          username: 'u',
          password: 'p',
          token: 't',
        }),
      /both username and token/,
    );
  });

  test('the schema has defaults, refuses unknown keys and http', () => {
    const cfg = taxiiSchema.parse({ url: 'https://feed.example/taxii2/', collectionIds: ['c1'] });
    assert.equal(cfg.pageSize, 1000);
    assert.equal(cfg.lookbackDays, 30);
    assert.equal(taxiiConnection(cfg).url, 'https://feed.example/taxii2/');
    assert.equal(taxiiSchema.safeParse({ url: 'http://feed.example/taxii2/' }).success, false);
    assert.equal(taxiiSchema.safeParse({ urls: 'x' }).success, false);
    assert.deepEqual(
      taxiiConnection({ ...cfg, username: DEFAULT_TAXII_USER.username, password: 'p' }).credential,
      {
        kind: 'basic',
        username: DEFAULT_TAXII_USER.username,
        password: 'p',
      },
    );
  });
});
