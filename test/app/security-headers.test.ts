import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/server.js';
import { HealthRegistry } from '../../src/platform/health/registry.js';
import { createLogger } from '../../src/platform/log.js';
import { type AdminConsole, adminConsole } from '../helpers/admin-console.js';
import { LogCapture } from '../helpers/log-capture.js';

type Listener = 'public' | 'admin';

const consoles: AdminConsole[] = [];
after(async () => {
  for (const c of consoles) await c.close();
});

async function server(which: Listener, trustProxy = false): Promise<FastifyInstance> {
  const deps = {
    logger: createLogger({ level: 'silent', destination: new LogCapture() }),
    health: new HealthRegistry({ everyMs: 60_000 }),
    pingDatabase: async () => {},
    trustProxy,
  };
  if (which === 'public') return buildServer(deps);
  const c = await adminConsole({ trustProxy });
  consoles.push(c);
  return c.app;
}

/** The console's sign-in page on the admin listener, /healthz on the public one: a page and a probe. */
const PATH: Record<Listener, string> = { admin: '/sign-in', public: '/healthz' };

for (const which of ['admin', 'public'] as const) {
  describe(`security headers on the ${which} listener`, () => {
    test('over plain HTTP: a CSP without upgrade-insecure-requests and no HSTS', async () => {
      const res = await (await server(which)).inject(PATH[which]);
      assert.equal(res.statusCode, 200);
      const csp = res.headers['content-security-policy'] as string;
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /upgrade-insecure-requests/);
      assert.equal(res.headers['strict-transport-security'], undefined);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    });

    test('x-forwarded-proto: https counts for nothing while trustProxy is off', async () => {
      const res = await (await server(which)).inject({
        url: PATH[which],
        headers: { 'x-forwarded-proto': 'https' },
      });
      assert.doesNotMatch(res.headers['content-security-policy'] as string, /upgrade-insecure-requests/);
      assert.equal(res.headers['strict-transport-security'], undefined);
    });

    test('a request that came over HTTPS (through a trusted proxy) gets HSTS and upgrade-insecure-requests', async () => {
      const app = await server(which, true);
      const res = await app.inject({ url: PATH[which], headers: { 'x-forwarded-proto': 'https' } });
      assert.match(res.headers['content-security-policy'] as string, /upgrade-insecure-requests/);
      assert.match(res.headers['strict-transport-security'] as string, /max-age=\d+/);
      const plain = await app.inject({ url: PATH[which], headers: { 'x-forwarded-proto': 'http' } });
      assert.equal(plain.headers['strict-transport-security'], undefined, 'the choice is per request');
      assert.doesNotMatch(plain.headers['content-security-policy'] as string, /upgrade-insecure-requests/);
    });

    test('a 404 carries the same headers as a route', async () => {
      const res = await (await server(which)).inject('/no-such-page');
      assert.equal(res.statusCode, 404);
      assert.match(res.headers['content-security-policy'] as string, /default-src 'self'/);
      assert.equal(res.headers['strict-transport-security'], undefined);
    });
  });
}
