// Public types of the Entra ID identity connector.
import type { ConnectorClientOptions } from '../../../platform/http/index.js';

/** The APIs graphsoc calls with app-only tokens. */
export type TokenResource = 'graph' | 'management' | 'defender';

export interface GetTokenOptions {
  /** Skip the cache and ask Entra for a new token (after a 401). */
  forceRefresh?: boolean;
}

export interface TokenProvider {
  getToken(resource: TokenResource, opts?: GetTokenOptions): Promise<string>;
}

/**
 * The connector options every client shares (a dispatcher replaces the one built from the tenant's
 * caFile; caPem is trusted besides it), plus the token cache's own.
 */
export interface TokenProviderOptions
  extends Pick<ConnectorClientOptions, 'dispatcher' | 'caPem' | 'retry' | 'timeout' | 'clock'> {
  /** Scope per resource; defaults come from the tenant's base URLs (see scopeFor). */
  scopes?: Partial<Record<TokenResource, string>>;
  /**
   * A forced refresh within this many ms after the previous one returns that fresh token instead of
   * asking again, so a burst of 401s costs one token request. Default 5000.
   */
  forceRefreshWindowMs?: number;
}

/** What `pingCredentials` reports when the credentials work. */
export interface CredentialCheck {
  tenantId: string;
  clientId: string;
  authorityHost: string;
  credential: 'secret' | 'certificate';
  expiresOn: string | undefined;
}
