// The TruSTAR emulator over HTTPS, as the documentation and the SDKs describe it: the token endpoint,
// the bearer checks with their documented bodies, the searches' validation and paging, the 429 body
// with waitTime, request quotas, enclaves, control routes and faults in TruSTAR's shapes.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { http } from '../helpers.js';
import { startTrustarTest, type TrustarTest } from './helpers.js';

const SEARCH = '/api/2.0/observables/search';
const window = () => ({ from: Date.now() - 40 * 86_400_000, to: Date.now() + 60_000 });

describe('trustar emulator: API', () => {
  let t: TrustarTest;
  before(async () => {
    t = await startTrustarTest({ corpusSize: 300 });
  });
  afterEach(() => t.em.reset());
  after(() => t.close());

  test('issues a token for Basic key:secret and the same one again until it expires', async () => {
    const a = await t.tokenCall();
    assert.equal(a.status, 200);
    assert.deepEqual(Object.keys(a.body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
    assert.equal(a.body.expires_in, 599);
    assert.equal(a.body.token_type, 'bearer');
    const b = await t.tokenCall(undefined, true);
    assert.equal(b.body.access_token, a.body.access_token, 'grant_type in the query string works too');
    t.em.expireTokens();
    const c = await t.tokenCall();
    assert.notEqual(c.body.access_token, a.body.access_token);
  });

  test('answers 401 for wrong credentials and 400 for another grant', async () => {
    const bad = await t.tokenCall({ apiKey: 'emulator-api-key', apiSecret: 'nope' });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error_description, 'Bad credentials');
  });

  test('refuses API calls without a token (401), with an expired (400) or unknown one (400)', async () => {
    const none = await t.api('POST', SEARCH, undefined, {});
    assert.equal(none.status, 401);
    const token = await t.token();
    t.em.expireTokens();
    const expired = await t.api('POST', SEARCH, token, {});
    assert.equal(expired.status, 400);
    assert.deepEqual(expired.body, {
      error: 'invalid_token',
      error_description: 'Expired oauth2 access token',
    });
    const unknown = await t.api('POST', SEARCH, 'not-a-token', {});
    assert.equal(unknown.body.error_description, 'Invalid oauth2 access token');
  });

  test('expires tokens on their lifetime, shortened by time compression', async () => {
    t.em.setTokenLifetimeMs(60_000);
    t.em.setLimits({ timeScale: 1000 }); // 60 s become 60 ms
    const token = await t.token();
    await new Promise((r) => setTimeout(r, 80));
    const res = await t.api('POST', SEARCH, token, {});
    assert.equal(res.status, 400);
  });

  test('pages observables with the cursor in the body and an empty nextCursor at the end', async () => {
    const token = await t.token();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await t.api('POST', `${SEARCH}?pageSize=128`, token, { ...window(), cursor });
      assert.equal(res.status, 200);
      seen.push(...res.body.items.map((o: { value: string }) => o.value));
      cursor = res.body.responseMetadata.nextCursor;
      if (cursor === '') break;
    }
    assert.equal(cursor, '');
    assert.equal(seen.length, 300);
    assert.equal(new Set(seen).size, 300);
  });

  test('answers TruSTAR error bodies with a Trace-Id for bad searches', async () => {
    const token = await t.token();
    const cases: Array<[string, unknown, RegExp]> = [
      [`${SEARCH}?pageSize=1001`, {}, /pageSize/],
      [SEARCH, { from: 0, to: 400 * 86_400_000 }, /Time window can not be greater than 1 year\./],
      [SEARCH, { cursor: 'bm90IGEgY3Vyc29y' }, /Invalid cursor/],
      [SEARCH, { types: ['NOPE'] }, /types/],
      [SEARCH, { enclaveGuids: ['00000000-0000-4000-8000-000000000000'] }, /read access/],
      [SEARCH, { sortColumn: 'FIRST_SEEN' }, /LAST_SEEN/],
    ];
    for (const [path, body, message] of cases) {
      const res = await t.api('POST', path, token, body);
      assert.equal(res.status, 400, path);
      assert.equal(res.body.status, 400);
      assert.equal(res.body.error, 'Bad Request');
      assert.match(res.body.message, message);
      assert.match(res.headers['trace-id'] ?? '', /^[0-9a-f]{16}$/);
    }
  });

  test('answers 429 with waitTime in ms once the per-user limit is reached', async () => {
    t.em.setLimits({ perMinute: 2 });
    const token = await t.token();
    await t.api('GET', '/api/2.0/enclaves', token);
    await t.api('GET', '/api/2.0/enclaves', token);
    const res = await t.api('GET', '/api/2.0/enclaves', token);
    assert.equal(res.status, 429);
    assert.ok(res.body.waitTime > 0 && res.body.waitTime <= 60_000);
    assert.match(res.body.message, new RegExp(`Please wait ${res.body.waitTime} milliseconds`));
    const quotas = await t.api('GET', '/api/1.3/request-quotas', token);
    assert.equal(quotas.status, 200, 'quota checks are not limited');
    assert.equal(quotas.body[0].usedRequests, 2);
  });

  test('finds only indicators whose score was asked for, and refuses to page past the deep paging limit', async () => {
    const token = await t.token();
    const res = await t.api('POST', '/api/2.0/indicators/search?pageSize=50', token, {
      ...window(),
      priorityScores: [3],
    });
    assert.equal(res.status, 200);
    assert.ok(res.body.items.every((i: { priorityScore: string }) => i.priorityScore === 'HIGH'));
    const item = res.body.items[0];
    for (const k of [
      'guid',
      'enclaveGuid',
      'observable',
      'attributes',
      'scoreContexts',
      'processedAt',
      'safelisted',
    ])
      assert.ok(k in item, k);
    const deep = await startTrustarTest({ corpusSize: 300, deepPagingLimit: 100 });
    try {
      const tk = await deep.token();
      let cursor: string | undefined;
      let status = 200;
      for (let i = 0; i < 5 && status === 200; i++) {
        const r = await deep.api('POST', '/api/2.0/indicators/search?pageSize=50', tk, {
          ...window(),
          includeSafelisted: true,
          cursor,
        });
        status = r.status;
        cursor = r.body.responseMetadata?.nextCursor;
      }
      assert.equal(status, 500);
    } finally {
      await deep.close();
    }
  });

  test('control routes add, change and remove observables, and log client headers and bodies', async () => {
    const token = await t.token();
    const base = `${t.em.url}/_emulator/trustar`;
    const add = await fetchJson(t, 'POST', `${base}/observables`, {
      type: 'URL',
      value: 'hxxp://added[.]example/',
      lastSeen: Date.now(),
    });
    assert.deepEqual(add.body, { added: 1 });
    const upd = await fetchJson(t, 'POST', `${base}/observables/update`, { ref: { index: 3 }, tags: ['x'] });
    assert.equal(upd.status, 200);
    const gone = await fetchJson(t, 'POST', `${base}/observables/remove`, { index: 999_999 });
    assert.equal(gone.status, 404);
    const res = await t.api('POST', `${SEARCH}?pageSize=1000`, token, window());
    const values = res.body.items.map((o: { value: string }) => o.value);
    assert.equal(values.length, 301);
    assert.equal(values.at(-1), upd.body.value, 'a changed observable is seen now, so it comes last');
    const calls = await fetchJson(t, 'GET', `${base}/calls`);
    const search = calls.body.value.find((c: { path: string }) => c.path === SEARCH);
    assert.equal(search.pageSize, '1000');
    assert.deepEqual(Object.keys(search.body).sort(), ['from', 'to']);
  });

  test('renders faults in TruSTAR shapes: a 429 with waitTime, an expired token that stays expired', async () => {
    const token = await t.token();
    t.em.addFault({ path: SEARCH, status: 429, retryAfterSec: 2, times: 1 });
    const throttled = await t.api('POST', SEARCH, token, {});
    assert.equal(throttled.body.waitTime, 2000);
    t.em.addFault({ path: SEARCH, expiredToken: true, times: 1 });
    assert.equal((await t.api('POST', SEARCH, token, {})).status, 400);
    assert.equal((await t.api('POST', SEARCH, token, {})).status, 400);
  });
});

function fetchJson(t: TrustarTest, method: string, url: string, body?: unknown) {
  return http(t.agent, url, {
    method,
    ...(body !== undefined
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  });
}
