import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HealthRegistry } from '../../src/platform/health/registry.js';
import { createLogger } from '../../src/platform/log.js';
import { buildServer } from '../../src/app/server.js';
import { dashboardModel } from '../helpers/dashboard-model.js';
import { LogCapture } from '../helpers/log-capture.js';

async function server(opts: { dbDown?: boolean; failingDep?: boolean; out?: LogCapture } = {}) {
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
  const app = await buildServer({
    logger: createLogger({ level: 'info', destination: opts.out ?? new LogCapture() }),
    health,
    pingDatabase: async () => {
      if (opts.dbDown)
        throw Object.assign(new Error('database unreachable at 127.0.0.1:5432'), {
          code: 'GSOC_DB_UNAVAILABLE',
        });
    },
    dashboard: async () =>
      dashboardModel({
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
      }),
  });
  return app;
}

describe('server', () => {
  test('/healthz answers while the process lives, whatever the database', async () => {
    const app = await server({ dbDown: true });
    const res = await app.inject('/healthz');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  test('/readyz is ready when the database answers and lists dependencies', async () => {
    const app = await server();
    const res = await app.inject('/readyz');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.status, 'ready');
    assert.equal(body.dependencies[0].name, 'tenant:contoso:graph');
    assert.equal(body.dependencies[0].state, 'ok');
  });

  test('/readyz is 503 when the database is down, naming the cause', async () => {
    const app = await server({ dbDown: true });
    const res = await app.inject('/readyz');
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().database.error.code, 'GSOC_DB_UNAVAILABLE');
  });

  test('/readyz stays 200 but says degraded when an outside dependency fails', async () => {
    const app = await server({ failingDep: true });
    const res = await app.inject('/readyz');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'degraded');
    assert.match(res.json().dependencies[0].error.message, /AADSTS7000215/);
  });

  test('/metrics is Prometheus text with request and outside-call counters', async () => {
    const app = await server();
    await app.inject('/healthz');
    const res = await app.inject('/metrics');
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

  test('an unknown route is a JSON 404 with a stable code', async () => {
    const app = await server();
    const res = await app.inject('/nope?token=abc');
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { code: 'GSOC_SERVER_NOT_FOUND', message: 'no route for GET /nope' });
  });

  test('the dashboard escapes every value it renders', async () => {
    const app = await server();
    const res = await app.inject('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.ok(!res.body.includes('<script>alert(1)</script>'));
    assert.ok(res.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!res.body.includes('<img src=x'), 'a quarantine reason from a message stays text');
    assert.match(res.body, /data-panel="phishing-quarantine"[\s\S]*data-row="7"/);
    assert.ok(res.body.includes('Quarantined &lt;b&gt;reports&lt;/b&gt;'), 'a panel title stays text');
    assert.ok(
      res.body.includes('<code>release &lt;7&gt;</code> then &lt;i&gt;wait&lt;/i&gt;'),
      'a hint has code spans, nothing else',
    );
    assert.ok(res.body.includes('Phishing &lt;reports&gt;'));
    assert.match(res.headers['content-security-policy'] as string, /default-src 'self'/);
  });

  test('request logs never contain the Authorization header or cookies', async () => {
    const out = new LogCapture();
    const app = await server({ out });
    await app.inject({
      url: '/healthz',
      headers: { authorization: 'Bearer very-secret-token', cookie: 'sid=cookie-secret' },
    });
    assert.doesNotMatch(out.text, /very-secret-token|cookie-secret/);
  });
});
