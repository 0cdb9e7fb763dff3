// The Example API client: base URL, auth header and the platform/http pipeline with this API's
// error parser, built by platform/http's createConnectorClient like every connector's. Resources
// call `client.http`; nothing here knows about business rules.
import { createConnectorClient, type HttpClient, remoteErrorParser } from '../../platform/http/index.js';
import { exampleErrorSchema } from './schemas.js';
import type { ExampleClientOptions, ExampleConfig } from './types.js';

export interface ExampleClient {
  http: HttpClient;
  /** Cheap credential and reachability check for /health and `cli check` (CONTRIBUTING.md). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Reads the API's error body with its schema; an unknown shape still yields status and request id. */
export const parseExampleError = remoteErrorParser(exampleErrorSchema, (body) => ({
  code: body.error.code,
  message: body.error.message,
  requestId: body.requestId,
}));

export function createExampleClient(config: ExampleConfig, opts: ExampleClientOptions = {}): ExampleClient {
  const host = new URL(config.baseUrl).host;
  const http = createConnectorClient(
    {
      service: 'example',
      baseUrl: config.baseUrl,
      caFile: config.caFile,
      // A static key is still attached only for its own host, and dropped on a cross-host redirect.
      auth: { hosts: [host], getToken: async () => config.apiKey, refreshOn401: false },
      errorParser: parseExampleError,
    },
    opts,
  );
  return {
    http,
    ping: async () => {
      await http.request({ url: '/widgets', query: { limit: 1 } });
    },
    close: () => http.close(),
  };
}
