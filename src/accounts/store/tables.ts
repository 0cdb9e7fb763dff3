// Table types of the self-service accounts feature as kysely sees them (migrations in ./migrations).
// Times are epoch milliseconds. Personal data (addresses, names) lives only in accounts_requests,
// accounts_codes, accounts_status_links and accounts_audit, and each has a retention purge.
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import type { GroupKind, RequestKind, RequestSource, RequestState, Step } from '../model/request.js';

export interface AccountsRequestsTable {
  /** Random, URL-safe; what the console and the status page name a request by. */
  id: string;
  kind: RequestKind;
  template: string;
  /** The verified address, normalised (policy/address.ts): who owns the account made for it. */
  address: string;
  given_name: string;
  surname: string;
  /** The language the person asked in (`en`, `de`): their mails are written in it. */
  locale: string;
  /** group-join: the listed group's object id; group-create: the created group's, once it exists. */
  group_id: string | null;
  /** group-create: the name asked for (after the naming policy), its kind and description. */
  group_name: string | null;
  group_kind: GroupKind | null;
  group_description: string | null;
  /** group-create: the mailNickname recorded before POST /groups, so a crash adopts rather than doubles. */
  group_nickname: string | null;
  state: RequestState;
  /** The next step while approved; null before approval and once done. */
  step: Step | null;
  /** The account name recorded by the `upn` step before POST /users (unique among live requests). */
  upn: string | null;
  /** The directory object id once the user exists. */
  user_id: string | null;
  source: RequestSource;
  import_id: number | null;
  import_row: number | null;
  /** Tries of the current step; reset when a step completes. */
  attempts: number;
  /** When the provisioning unit may take it up next (backoff after a transient failure). */
  next_attempt_at: number;
  /** The last failure, `CODE: message` (no personal data beyond the request's own). */
  error: string | null;
  /** Why it was denied or failed, in words an administrator wrote or a stable code. */
  reason: string | null;
  /** Who approved or denied (a console user's name), and when. */
  decided_by: string | null;
  decided_at: number | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  /** Account lifetime: when the account is disabled (template accountLifetimeDays). */
  expires_at: number | null;
  expiry_notified_at: number | null;
  disabled_at: number | null;
  deleted_at: number | null;
  /** When the person last viewed their first credential (shown once). */
  credential_viewed_at: number | null;
}

/**
 * A code and link mailed to an address: stored as SHA-256 hashes only, expiring, single use. The
 * rate limits per address and per client network count these rows.
 */
export interface AccountsCodesTable {
  id: string;
  /** `request` (start or continue a request) or `credential` (see one's first credential). */
  purpose: string;
  address: string;
  request_id: string | null;
  code_hash: string;
  link_hash: string;
  /** Wrong codes entered; the code is spent at verification.codeAttempts. */
  attempts: number;
  /** The client network it was asked from (throttle-keys ipKey). */
  ip_key: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A browser that verified an address: cookie value hashed, short-lived. */
export interface AccountsPortalSessionsTable {
  id_hash: string;
  address: string;
  purpose: string;
  request_id: string | null;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

/** The long-lived status link mailed with a request: token hashed, for the person's own requests. */
export interface AccountsStatusLinksTable {
  token_hash: string;
  address: string;
  created_at: number;
  expires_at: number;
}

/**
 * Append-only: every decision (filed, approved, denied, retried, cancelled) and every change made in
 * the directory (user created or adopted, licence assigned, member added, disabled, deleted), with
 * who did it. Only the retention purge deletes rows.
 */
export interface AccountsAuditTable {
  id: Generated<number>;
  at: number;
  request_id: string | null;
  /** `system`, `person` (the verified address owner) or an administrator's console name. */
  actor: string;
  action: string;
  /** What it changed, as JSON. */
  detail: string | null;
}

/** A bulk CSV import: its rows become requests (import_id, import_row) or refusals below. */
export interface AccountsImportsTable {
  id: Generated<number>;
  created_by: string;
  created_at: number;
  file_name: string;
  template: string;
  rows: number;
  accepted: number;
  refused: number;
}

export interface AccountsImportRefusalsTable {
  import_id: number;
  row: number;
  /** The stable code and what it means; the row's address is kept for the administrator to fix. */
  code: string;
  message: string;
  address: string | null;
}

// A type, not an interface: kysely's withTables wants a type with an implicit index signature.
export type AccountsTables = {
  accounts_requests: AccountsRequestsTable;
  accounts_codes: AccountsCodesTable;
  accounts_portal_sessions: AccountsPortalSessionsTable;
  accounts_status_links: AccountsStatusLinksTable;
  accounts_audit: AccountsAuditTable;
  accounts_imports: AccountsImportsTable;
  accounts_import_refusals: AccountsImportRefusalsTable;
};

export type AccountsDb = Kysely<Database & AccountsTables>;

export const accountsDb = (db: Kysely<Database>): AccountsDb => db.withTables<AccountsTables>();
