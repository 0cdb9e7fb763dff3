// AWS Lambda entry: the relay behind API Gateway (REST v1 or HTTP v2 events). Configuration comes
// from GRAPHSOC_* variables and, if present, the file named by GRAPHSOC_CONFIG in the bundle.
import awsLambdaFastify from '@fastify/aws-lambda';
import { loadConfig } from './platform/config/index.js';
import { createLogger } from './platform/log.js';
import { buildRelayApp } from './relay/app.js';
import { VERSION } from './version.js';

/** The proxy answers with a promise when called without a callback. */
type Proxy = (event: unknown, context: unknown) => Promise<unknown>;
let proxy: Promise<Proxy> | undefined;

async function init(): Promise<Proxy> {
  const loaded = loadConfig({});
  const logger = createLogger({ level: loaded.config.log.level, secrets: loaded.secrets });
  const config = { ...loaded.config, relay: { ...loaded.config.relay, enabled: true } };
  const app = await buildRelayApp(config, logger, VERSION);
  await app.ready();
  return awsLambdaFastify(app, { decorateRequest: false }) as unknown as Proxy;
}

export async function handler(event: unknown, context: unknown): Promise<unknown> {
  // One app per container, built on the first event and reused while Lambda keeps the container warm.
  proxy ??= init().catch((e: unknown) => {
    proxy = undefined;
    throw e;
  });
  return (await proxy)(event, context);
}
