// AWS Lambda entry: the relay behind API Gateway (REST v1 or HTTP v2 events). Configuration comes
// from GRAPHSOC_* variables and, if present, the file named by GRAPHSOC_CONFIG in the bundle. Only
// the platform's and the relay's parts of the configuration are read, so the bundle carries no other
// feature's code.
import awsLambdaFastify from '@fastify/aws-lambda';
import { composeConfig, loadConfig, platformConfig } from './platform/config/index.js';
import { createLogger } from './platform/log.js';
import { VERSION } from './platform/version.js';
import { buildRelayApp, type RelayAppConfig, relayConfig } from './relay/index.js';

const LAMBDA_CONFIG = composeConfig<RelayAppConfig>([platformConfig, relayConfig]);

/** The proxy answers with a promise when called without a callback. */
type Proxy = (event: unknown, context: unknown) => Promise<unknown>;
let proxy: Promise<Proxy> | undefined;

async function init(): Promise<Proxy> {
  const loaded = loadConfig({ shape: LAMBDA_CONFIG });
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
