// msal-node's network client implemented on platform/http: our timeouts, retries (msal's own are off),
// metrics and the tenant's CA on an undici Agent, instead of NODE_EXTRA_CA_CERTS and global fetch.
import {
  AuthError,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { type HttpClient, tryJson } from '../../../platform/http/index.js';

/**
 * msal replaces any non-AuthError thrown by a network client with a bare `network_error`; wrapping our
 * typed transport error in an AuthError keeps it (as `cause`) for the identity error we finally throw.
 */
export class TransportAuthError extends AuthError {
  constructor(cause: Error) {
    super('network_error', '', cause.message);
    this.cause = cause;
  }
}

export function msalNetworkClient(http: HttpClient): INetworkModule {
  async function send<T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    let res: Awaited<ReturnType<HttpClient['request']>>;
    try {
      res = await http.request({
        method,
        url,
        headers: options?.headers ?? {},
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        // A token request has no side effect, so repeating it after a 429/503 or a dropped connection is safe.
        idempotent: true,
        acceptStatus: 'all',
        auth: { enabled: false },
      });
    } catch (e) {
      throw e instanceof Error ? new TransportAuthError(e) : e;
    }
    return { headers: res.headers, status: res.status, body: (tryJson(res) ?? {}) as T };
  }
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
