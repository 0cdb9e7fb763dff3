// How a Graph path or absolute link plus per-call options becomes a platform/http call: a fresh
// client-request-id, the Prefer values joined into one header, paths relative to the version root.
import { randomUUID } from 'node:crypto';
import type { CallOptions } from '../../../platform/http/index.js';
import type { GraphCallOptions } from './types.js';

/** Turns a Graph path or absolute link plus options into a platform/http call. */
export interface GraphRequestBuilder {
  (url: string, opts?: GraphCallOptions): CallOptions;
  /** The only host requests and links may go to (graphBaseUrl's). */
  readonly host: string;
}

export function graphRequestBuilder(root: URL): GraphRequestBuilder {
  const build = (url: string, o: GraphCallOptions = {}): CallOptions => {
    const { prefer, headers, ...rest } = o;
    return {
      ...rest,
      url: /^https?:\/\//i.test(url) ? new URL(url) : url.replace(/^\//, ''),
      headers: {
        'client-request-id': randomUUID(),
        ...(prefer && prefer.length > 0 ? { prefer: prefer.join(', ') } : {}),
        ...headers,
      },
    };
  };
  return Object.assign(build, { host: root.host });
}
