// Public types of the Entra ID sign-in connector (OpenID Connect code flow with PKCE).
import type { TenantConfig } from '../../../platform/config/tenant.js';
import type { ConnectorClientOptions, HttpClient } from '../../../platform/http/index.js';

export interface SignInSettings {
  /** The `[[tenants]]` entry whose app registration the console signs in with. */
  tenant: TenantConfig;
  /** The app registration's client id; the tenant's when left out. */
  clientId?: string | undefined;
  /** Exactly as registered on the app (Web platform): the console's publicUrl + /sign-in/callback. */
  redirectUri: string;
  /** Leeway for exp/nbf/iat of the ID token. Default 60 s, at most 300. */
  clockToleranceSec?: number;
  /** How long the metadata and the key set are kept. Default 24 h; an unknown kid refetches the keys sooner. */
  metadataTtlSec?: number;
}

export interface SignInClientOptions extends ConnectorClientOptions {
  /** A ready client instead of one built from the tenant (tests wrap one to tamper with answers). */
  http?: HttpClient;
}

/** What one sign-in needs kept between the redirect to Entra and the way back. */
export interface FlowSecrets {
  /** Sent as `state`; only its hash needs storing. */
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface AuthorizeOptions extends FlowSecrets {
  loginHint?: string | undefined;
  prompt?: 'login' | 'select_account' | 'consent' | 'none' | undefined;
}

/** A person proven by a verified ID token. */
export interface SignedInPerson {
  /** The object id (`oid`): the same for this person in every app of the tenant. */
  objectId: string;
  tenantId: string;
  name: string;
  /** `preferred_username` (usually the UPN) or the e-mail; may be empty. */
  userName: string;
  /** App role values of the `roles` claim. */
  appRoles: string[];
  /** Group object ids of the `groups` claim. */
  groups: string[];
  /** The token says the person is in more groups than it carries (`_claim_names.groups` or `hasgroups`). */
  groupsOverage: boolean;
}
