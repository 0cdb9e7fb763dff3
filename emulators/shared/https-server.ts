// Creates an HTTPS Fastify instance for an emulator and starts it on loopback.
import { createServer, type Server } from 'node:https';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { KeyAndCertificate } from './tls.js';

export interface HttpsAppOptions {
  bodyLimitBytes?: number;
  /** Body of the 400 sent for requests Fastify rejects before routing (e.g. a malformed URL). */
  badRequestBody?: (message: string) => unknown;
}

/** Extra loopback listeners bound after listen(); closed with the app. */
const extraServers = new WeakMap<FastifyInstance, Server[]>();

export function createHttpsApp(tls: KeyAndCertificate, opts: HttpsAppOptions = {}): FastifyInstance {
  const app = Fastify({
    https: { key: tls.keyPem, cert: tls.certPem },
    logger: false,
    bodyLimit: opts.bodyLimitBytes ?? 4 * 1024 * 1024,
    // Tests close emulators while clients still hold keep-alive sockets.
    forceCloseConnections: true,
    return503OnClosing: true,
    frameworkErrors: (error, _request, reply) => {
      const message = describeError(error).message;
      const body = opts.badRequestBody ? opts.badRequestBody(message) : { error: 'bad_request', message };
      void (reply as unknown as FastifyReply).code(400).send(body);
    },
  }) as unknown as FastifyInstance;
  app.addHook('onClose', async function closeExtraListeners() {
    for (const server of extraServers.get(app) ?? []) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
  return app;
}

/**
 * Listens on host:port (port 0 = random) and returns the base URL. For 'localhost' Fastify binds every address
 * the name resolves to; when that misses 127.0.0.1 or ::1 we bind the missing one on the same port too, so a
 * client resolving localhost either way connects.
 */
export async function listenHttps(
  app: FastifyInstance,
  host: string,
  port: number,
  tls: KeyAndCertificate,
): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address();
  if (address === null || typeof address === 'string')
    throw new Error('emulator listener has no TCP address');
  if (host === 'localhost') {
    const bound = new Set(app.addresses().map((a) => (typeof a === 'string' ? a : a.address)));
    for (const loopback of ['127.0.0.1', '::1']) {
      if (!bound.has(loopback)) await bindExtra(app, loopback, address.port, tls);
    }
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return `https://${urlHost}:${address.port}`;
}

/** Serves the same app on one more address; silently skipped where that address is unavailable. */
async function bindExtra(
  app: FastifyInstance,
  address: string,
  port: number,
  tls: KeyAndCertificate,
): Promise<void> {
  const server = createServer({ key: tls.keyPem, cert: tls.certPem });
  for (const listener of app.server.listeners('request')) server.on('request', listener as never);
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen({ host: address, port, ipv6Only: address === '::1' }, () => resolve(true));
  });
  if (ok) extraServers.set(app, [...(extraServers.get(app) ?? []), server]);
}

/** Status code and message of an error thrown inside Fastify (parse errors, body limits, bugs). */
export function describeError(error: unknown): { statusCode: number; message: string } {
  const e = error as { statusCode?: unknown; message?: unknown } | null;
  const statusCode = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  const message = typeof e?.message === 'string' ? e.message : 'unexpected error';
  return { statusCode, message };
}
