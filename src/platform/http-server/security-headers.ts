// Security headers on every answer (helmet), with HSTS and the CSP's upgrade-insecure-requests only on
// a request that came over HTTPS: sent over plain HTTP they make a browser that opened the page by
// host name fetch its stylesheet over HTTPS, which fails, and remember to refuse plain HTTP.
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

const DIRECTIVES = { defaultSrc: ["'self'"], styleSrc: ["'self'"], scriptSrc: ["'self'"] };

const OVER_HTTP: FastifyHelmetOptions = {
  contentSecurityPolicy: { directives: { ...DIRECTIVES, upgradeInsecureRequests: null } },
  strictTransportSecurity: false,
};

const OVER_HTTPS: FastifyHelmetOptions = {
  contentSecurityPolicy: { directives: { ...DIRECTIVES, upgradeInsecureRequests: [] } },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};

/**
 * `req.protocol` is https when the socket is TLS, or when X-Forwarded-Proto says so and the app trusts
 * the peer (server.trustProxy); without that setting a client cannot switch HSTS on with a header.
 */
export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, { global: false, ...OVER_HTTP });
  app.addHook('onRequest', async function secureHeaders(req, reply) {
    reply.helmet(req.protocol === 'https' ? OVER_HTTPS : OVER_HTTP);
  });
}

// Every route of the app, and its 404s, get the headers: not encapsulated (as fastify-plugin does).
(securityHeaders as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
