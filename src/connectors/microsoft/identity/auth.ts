// The platform/http auth options of a Microsoft API client: the tenant's app-only token for one API,
// attached only for that API's host.
import type { AuthOptions } from '../../../platform/http/index.js';
import type { TokenProvider, TokenResource } from './types.js';

export function tokenAuth(tokens: TokenProvider, resource: TokenResource, host: string): AuthOptions {
  return { hosts: [host], getToken: ({ forceRefresh }) => tokens.getToken(resource, { forceRefresh }) };
}
