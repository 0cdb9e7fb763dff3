// The Example API client: base URL, auth header and the platform/http pipeline with this API's
// error parser. Resources call `client.http`; nothing here knows about business rules.
import {
  createHttpClient,
  type HttpClient,
  type HttpResponse,
  type RemoteErrorInfo,
} from '../../platform/http/index.js';
import { exampleErrorSchema } from './schemas.js';
import type { ExampleClientOptions, ExampleConfig } from './types.js';

export interface ExampleClient {
  http: HttpClient;
  close(): Promise<void>;
}

/** Reads the API's error body with its schema; an unknown shape still yields status and request id. */
export function parseExampleError(res: HttpResponse): RemoteErrorInfo | undefined {
  const r = exampleErrorSchema.safeParse(JSON.parse(res.body.toString('utf8')));
  return r.success
    ? { code: r.data.error.code, message: r.data.error.message, requestId: r.data.requestId }
    : undefined;
}

export function createExampleClient(config: ExampleConfig, opts: ExampleClientOptions = {}): ExampleClient {
  const host = new URL(config.baseUrl).host;
  const http = createHttpClient({
    service: 'example',
    baseUrl: config.baseUrl,
    agent: { caFile: config.caFile },
    // A static key is still attached only for its own host, and dropped on a cross-host redirect.
    auth: { hosts: [host], getToken: async () => config.apiKey, refreshOn401: false },
    retry: opts.retry,
    timeout: opts.timeout,
    limits: opts.limits,
    errorParser: parseExampleError,
  });
  return { http, close: () => http.close() };
}
