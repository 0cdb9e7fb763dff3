// A Fastify app that serves only the relay: what the AWS Lambda handler runs (no database, no
// dashboard, no background work; Lambda keeps nothing between invocations that matters).
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '../platform/log.js';
import type { RelayAppConfig } from './config.js';
import { startRelay } from './start.js';

export async function buildRelayApp(
  config: RelayAppConfig,
  logger: Logger,
  version: string,
): Promise<FastifyInstance> {
  const publicUrl = config.server.publicUrl;
  if (!publicUrl)
    throw new Error(
      'server.publicUrl (GRAPHSOC_SERVER_PUBLIC_URL) must be set: it is the relay token audience',
    );
  const relay = startRelay({ config: config.relay, publicUrl: () => publicUrl, logger, version });
  const app = Fastify({ loggerInstance: logger, bodyLimit: 1024 * 1024 }) as unknown as FastifyInstance;
  app.addHook('onClose', async function closeRelay() {
    await relay.close();
  });
  await relay.register(app);
  return app;
}
