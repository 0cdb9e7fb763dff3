import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/server.js';
import type { DashboardModel } from '../../src/console/model.js';
import { HealthRegistry } from '../../src/platform/health/registry.js';
import { createLogger } from '../../src/platform/log.js';
import { type AdminConsole, adminConsole } from '../helpers/admin-console.js';
import { LogCapture } from '../helpers/log-capture.js';

/** What a feature mounts on the public listener: the relay and the Graph webhook stand in for all. */
const FEATURE_PATHS = ['/relay/graph-security/observe/observables', '/webhooks/graph/mail'];
/** What only the operator listener serves. */
const OPERATOR_PATHS = [
  '/',
  '/platform',
  '/assets/console.css',
  '/assets/console.js',
  '/metrics',
  '/docs/phishing.md',
  '/docs/operations.md',
];

interface Options {
  dbDown?: boolean;
  failingDep?: boolean;
  out?: LogCapture;
  model?: Partial<DashboardModel>;
}

const consoles: AdminConsole[] = [];
after(async () => {
  for (const c of consoles) await c.close();
});

async function servers(
  opts: Options = {},
): Promise<{ pub: FastifyInstance; admin: FastifyInstance; signIn: AdminConsole['signIn'] }> {
  const health = new HealthRegistry({ everyMs: 60_000 });
  health.add({
    name: 'tenant:contoso:graph',
    check: async () => {
      if (opts.failingDep)
        throw Object.assign(new Error('AADSTS7000215: Invalid client secret provided.'), {
          code: 'GSOC_IDENTITY_TOKEN_FAILED',
        });
    },
  });
  await health.runOnce();
  const common = {
    logger: createLogger({ level: 'info', destination: opts.out ?? new LogCapture() }),
    health,
    pingDatabase: async () => {
      if (opts.dbDown)
        throw Object.assign(new Error('database unreachable at 127.0.0.1:5432'), {
          code: 'GSOC_DB_UNAVAILABLE',
        });
    },
  };
  const pub = await buildServer({
    ...common,
    routes: [
      async (app) => {
        for (const url of FEATURE_PATHS) app.post(url, async () => ({ data: {} }));
      },
    ],
  });
  const c = await adminConsole({
    ...common,
    model: {
      jobs: [
        {
          id: 'phishing',
          title: 'Phishing <reports>',
          purpose: 'p',
          state: 'running',
          detail: '<script>alert(1)</script>',
        },
      ],
      panels: [
        {
          id: 'phishing-quarantine',
          title: 'Quarantined <b>reports</b>',
          columns: ['Report', 'Reason'],
          rows: [{ key: '7', cells: ['7', '<img src=x onerror=alert(2)>'] }],
          empty: 'none',
          hint: 'Run `release <7>` then <i>wait</i>.',
        },
      ],
      ...opts.model,
    },
  });
  consoles.push(c);
  return { pub, admin: c.app, signIn: c.signIn };
}

describe('server: the public listener', () => {
  test('/healthz answers while the process lives, whatever the database', async () => {
    const { pub } = await servers({ dbDown: true });
    const res = await pub.inject('/healthz');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  test('/readyz answers a load balancer with the status only, naming no dependency or error', async () => {
    const ready = await (await servers({ failingDep: true })).pub.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready' });
    const down = await (await servers({ dbDown: true })).pub.inject('/readyz');
    assert.equal(down.statusCode, 503);
    assert.deepEqual(down.json(), { status: 'not ready' });
    assert.doesNotMatch(down.body, /127\.0\.0\.1|GSOC_DB_UNAVAILABLE/);
  });

  test('serves the features’ routes and none of the operator pages', async () => {
    const { pub } = await servers();
    for (const url of FEATURE_PATHS)
      assert.equal((await pub.inject({ method: 'POST', url, payload: {} })).statusCode, 200, url);
    for (const url of OPERATOR_PATHS) {
      const res = await pub.inject(url);
      assert.equal(res.statusCode, 404, `${url} on the public listener`);
      assert.equal(res.json().code, 'GSOC_SERVER_NOT_FOUND');
    }
  });

  test('an unknown route is a JSON 404 with a stable code', async () => {
    const { pub } = await servers();
    const res = await pub.inject('/nope?token=abc');
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { code: 'GSOC_SERVER_NOT_FOUND', message: 'no route for GET /nope' });
  });

  test('request logs never contain the Authorization header or cookies', async () => {
    const out = new LogCapture();
    const { pub } = await servers({ out });
    await pub.inject({
      url: '/healthz',
      headers: { authorization: 'Bearer very-secret-token', cookie: 'sid=cookie-secret' },
    });
    assert.doesNotMatch(out.text, /very-secret-token|cookie-secret/);
  });
});

describe('server: the admin listener', () => {
  test('/readyz is ready when the database answers and lists dependencies', async () => {
    const { admin } = await servers();
    const res = await admin.inject('/readyz');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.status, 'ready');
    assert.equal(body.dependencies[0].name, 'tenant:contoso:graph');
    assert.equal(body.dependencies[0].state, 'ok');
  });

  test('/readyz is 503 when the database is down, naming the cause', async () => {
    const { admin } = await servers({ dbDown: true });
    const res = await admin.inject('/readyz');
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().database.error.code, 'GSOC_DB_UNAVAILABLE');
  });

  test('/readyz stays 200 but says degraded when an outside dependency fails', async () => {
    const { admin } = await servers({ failingDep: true });
    const res = await admin.inject('/readyz');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'degraded');
    assert.match(res.json().dependencies[0].error.message, /AADSTS7000215/);
  });

  test('/metrics is Prometheus text counting the public listener’s requests too', async () => {
    const { pub, admin } = await servers();
    await pub.inject('/healthz');
    const res = await admin.inject('/metrics');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/plain/);
    assert.match(res.body, /graphsoc_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    for (const name of [
      'graphsoc_outside_calls_total',
      'graphsoc_outside_retries_total',
      'graphsoc_outside_throttled_total',
    ]) {
      assert.match(res.body, new RegExp(`# TYPE ${name} counter`));
    }
  });

  test('serves every operator page, behind the sign-in, and none of the features’ routes', async () => {
    const { admin, signIn } = await servers();
    const { cookie } = await signIn(['viewer']);
    for (const url of OPERATOR_PATHS)
      assert.equal((await admin.inject({ url, headers: { cookie } })).statusCode, 200, url);
    for (const url of ['/', '/platform', '/docs/phishing.md']) {
      const res = await admin.inject(url);
      assert.equal(res.statusCode, 303, `${url} without a session`);
      assert.match(res.headers.location as string, /^\/sign-in\?/);
    }
    for (const url of FEATURE_PATHS) {
      const res = await admin.inject({ method: 'POST', url, payload: {} });
      assert.equal(res.statusCode, 404, `${url} on the admin listener`);
      assert.equal(res.json().code, 'GSOC_SERVER_NOT_FOUND');
    }
  });

  test('the console escapes every value it renders', async () => {
    const { admin, signIn } = await servers();
    const res = await admin.inject({ url: '/', headers: { cookie: (await signIn()).cookie } });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.ok(!res.body.includes('<script>alert(1)</script>'));
    assert.ok(res.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!res.body.includes('<img src=x'), 'a quarantine reason from a message stays text');
    assert.match(res.body, /data-block="phishing-quarantine"[\s\S]*data-row="7"/);
    assert.ok(res.body.includes('Quarantined &lt;b&gt;reports&lt;/b&gt;'), 'a panel title stays text');
    assert.ok(
      res.body.includes('<code>release &lt;7&gt;</code> then &lt;i&gt;wait&lt;/i&gt;'),
      'a hint has code spans, nothing else',
    );
    assert.ok(res.body.includes('Phishing &lt;reports&gt;'));
    assert.match(res.headers['content-security-policy'] as string, /default-src 'self'/);
  });
});
