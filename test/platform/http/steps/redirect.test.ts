import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHttpClient } from '../../../../src/platform/http/index.js';
import { json, startServer, type TestServer } from '../helpers.js';

describe('redirect and auth steps', () => {
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    a = await startServer();
    b = await startServer();
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  function client() {
    let calls = 0;
    let token: string | undefined;
    const getToken = async ({ forceRefresh }: { forceRefresh: boolean }) => {
      if (forceRefresh || token === undefined) token = `token-${++calls}`;
      return token;
    };
    const c = createHttpClient({ service: 'test', baseUrl: a.url, auth: { hosts: [a.host], getToken } });
    return { c, calls: () => calls };
  }

  test('attaches the token for its own host and drops it on a cross-host redirect', async () => {
    a.seen.length = 0;
    b.seen.length = 0;
    a.handle((_q, r) => {
      r.writeHead(302, { location: `${b.url}/landing` });
      r.end();
    });
    b.handle((_q, r) => json(r, 200, { here: true }));
    const { c } = client();
    const res = await c.request({ url: '/start', headers: { cookie: 'k=v' } });
    assert.equal(res.status, 200);
    assert.equal(res.url.host, b.host);
    assert.equal(a.seen[0]?.headers.authorization, 'Bearer token-1');
    assert.equal(b.seen[0]?.headers.authorization, undefined);
    assert.equal(b.seen[0]?.headers.cookie, undefined);
  });

  test('keeps the token on a same-host redirect', async () => {
    a.seen.length = 0;
    a.handle((q, r) => {
      if (q.url === '/old') {
        r.writeHead(307, { location: '/new' });
        r.end();
      } else json(r, 200, {});
    });
    const { c } = client();
    await c.request({ url: '/old' });
    assert.deepEqual(
      a.seen.map((s) => [s.url, s.headers.authorization]),
      [
        ['/old', 'Bearer token-1'],
        ['/new', 'Bearer token-1'],
      ],
    );
  });

  test('stops after maxRedirects', async () => {
    a.handle((_q, r) => {
      r.writeHead(302, { location: '/loop' });
      r.end();
    });
    const { c } = client();
    await assert.rejects(c.request({ url: '/loop', redirect: { maxRedirects: 3 } }), {
      code: 'GSOC_HTTP_TOO_MANY_REDIRECTS',
    });
  });

  test('does not send the token to a host it does not belong to', async () => {
    b.seen.length = 0;
    b.handle((_q, r) => json(r, 200, {}));
    const { c, calls } = client();
    await c.request({ url: `${b.url}/elsewhere` });
    assert.equal(b.seen[0]?.headers.authorization, undefined);
    assert.equal(calls(), 0);
  });

  test('on 401 asks once for a fresh token, then hands the 401 back', async () => {
    a.seen.length = 0;
    a.handle((q, r) => json(r, q.headers.authorization === 'Bearer token-2' ? 200 : 401, {}));
    const { c, calls } = client();
    assert.equal((await c.request({ url: '/me' })).status, 200);
    assert.equal(calls(), 2);
    a.seen.length = 0;
    a.handle((_q, r) => json(r, 401, {}));
    const second = client();
    await assert.rejects(second.c.request({ url: '/me' }), { code: 'GSOC_HTTP_AUTH_REJECTED' });
    assert.equal(a.seen.length, 2);
    assert.equal(second.calls(), 2);
  });
});
