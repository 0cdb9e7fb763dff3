// Oversized requests to the relay on graphsoc's public server, over real HTTP: a header section over
// 16 KB answers 431 and a body over 1 MiB answers 413, both in the relay's error envelope; a header
// section past what the server admits at all is still refused by Node itself.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/server.js';
import { HealthRegistry } from '../../src/platform/health/registry.js';
import { createLogger } from '../../src/platform/log.js';
import { JwksCache } from '../../src/relay/auth/jwks.js';
import { MAX_HEADER_BYTES } from '../../src/relay/protocol/limits.js';
import { registerRelay } from '../../src/relay/routes.js';
import { listenLoopback } from '../helpers/listen.js';
import { LogCapture } from '../helpers/log-capture.js';
import { echoModule, type RelayAnswer } from './helpers.js';

const OBSERVE = '/relay/echo/observe/observables';
const MiB = 1024 * 1024;

/** A header section of about `bytes` bytes in all (request line and the other headers included). */
const filler = (bytes: number) => ({ 'x-filler': 'a'.repeat(bytes - 200) });

/** Sends raw bytes and reads what comes back until the server closes or answers in full. */
function rawExchange(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let got = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      got += d;
    });
    // The server may close while the request is still being written (EPIPE, ECONNRESET): what it
    // answered before that is what counts.
    socket.on('error', () => resolve(got));
    socket.on('close', () => resolve(got));
    socket.end(request);
  });
}

describe('relay: oversized requests on the public server', () => {
  let app: FastifyInstance;
  let url = '';
  const log = new LogCapture();
  const jwks = new JwksCache({ allowedHosts: [], ttlMs: 60_000, refetchCooldownMs: 0 });

  before(async () => {
    const logger = createLogger({ level: 'debug', destination: log });
    // The server's other dependencies are never reached by these requests.
    const deps = {
      logger,
      health: new HealthRegistry({ everyMs: 60_000 }),
      pingDatabase: async () => {},
      dashboard: async () => {
        throw new Error('not served here');
      },
      routes: [
        (server: FastifyInstance) =>
          registerRelay(server, {
            modules: [echoModule],
            mount: 'prefixed',
            publicUrl: () => url,
            jwks,
            clockToleranceSec: 5,
            requestTimeoutMs: 5000,
            logger,
            version: 'test',
          }),
      ],
    } as unknown as Parameters<typeof buildServer>[0];
    app = await buildServer(deps);
    url = await listenLoopback(app);
  });
  after(async () => {
    await app.close();
    await jwks.close();
  });

  const post = async (headers: Record<string, string>, body: string | ReadableStream<Uint8Array> = '[]') => {
    const res = await fetch(`${url}${OBSERVE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: (await res.json()) as RelayAnswer,
    };
  };

  test('a header section just under 16 KB reaches the relay route', async () => {
    const res = await post(filler(MAX_HEADER_BYTES - 500));
    assert.equal(res.status, 200);
    assert.match(res.body.errors?.[0]?.message ?? '', /Authorization header is missing/);
  });

  test('a header section over 16 KB answers 431 in the relay envelope', async () => {
    const res = await post(filler(20 * 1024));
    assert.equal(res.status, 431);
    assert.match(res.type ?? '', /^application\/json/);
    assert.deepEqual(Object.keys(res.body), ['errors']);
    assert.deepEqual(
      res.body.errors?.map((e) => [e.code, e.type]),
      [['invalid argument', 'fatal']],
    );
    assert.match(
      res.body.errors?.[0]?.message ?? '',
      /^Request header fields too large: \d+ bytes, at most 16384/,
    );
  });

  test('a header section past what the server admits at all is refused by Node, not served', async () => {
    const request = [
      `POST ${OBSERVE} HTTP/1.1`,
      `host: ${new URL(url).host}`,
      `x-filler: ${'a'.repeat(200 * 1024)}`,
      'content-length: 2',
      '',
      '[]',
    ].join('\r\n');
    const answer = await rawExchange(url, request);
    // Node answers 431 (or closes the connection before it can): never the relay's 200 or envelope.
    assert.ok(answer === '' || /^HTTP\/1\.1 431 /.test(answer), answer.slice(0, 200));
    assert.ok(!answer.includes('"errors"'));
  });

  test('a body over 1 MiB with its Content-Length answers 413 in the relay envelope', async () => {
    const res = await post({}, JSON.stringify([{ type: 'ip', value: 'x'.repeat(MiB) }]));
    assert.equal(res.status, 413);
    assert.deepEqual(Object.keys(res.body), ['errors']);
    assert.deepEqual(
      res.body.errors?.map((e) => [e.code, e.type]),
      [['invalid argument', 'fatal']],
    );
    assert.match(res.body.errors?.[0]?.message ?? '', /^Request body too large: at most 1048576 bytes/);
  });

  test('a chunked body that grows past 1 MiB answers 413 in the relay envelope', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent > 2 * MiB) return c.close();
        sent += chunk.length;
        c.enqueue(chunk);
      },
    });
    const res = await post({}, body);
    assert.equal(res.status, 413);
    assert.equal(res.body.errors?.[0]?.code, 'invalid argument');
    assert.match(res.body.errors?.[0]?.message ?? '', /^Request body too large/);
  });

  test('a body under 1 MiB is read and answered as usual', async () => {
    const res = await post({}, JSON.stringify([{ type: 'ip', value: 'x'.repeat(MiB - 100) }]));
    assert.equal(res.status, 200);
    assert.match(res.body.errors?.[0]?.message ?? '', /Authorization header is missing/);
  });

  test('paths outside the relay keep the server’s own answer', async () => {
    const res = await fetch(`${url}/healthz`, { headers: filler(20 * 1024) });
    assert.notEqual(res.headers.get('content-type'), null);
    const body = await res.text();
    assert.ok(!body.includes('"errors"'), body.slice(0, 200));
  });
});
