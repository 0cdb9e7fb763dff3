// Listens on a random loopback port and returns the base URL.
import type { FastifyInstance } from 'fastify';

export async function listenLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address after listen');
  return `http://127.0.0.1:${address.port}`;
}
