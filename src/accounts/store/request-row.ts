// A request as the rest of the feature sees it: camelCase, numbers as numbers (PostgreSQL hands
// bigint columns back as strings), and the insert shape for a new one.
import type { Selectable } from 'kysely';
import type { GroupKind, RequestKind, RequestSource, RequestState, Step } from '../model/request.js';
import type { AccountsRequestsTable } from './tables.js';

export interface AccountRequest {
  id: string;
  kind: RequestKind;
  template: string;
  address: string;
  givenName: string;
  surname: string;
  locale: string;
  groupId: string | null;
  groupName: string | null;
  groupKind: GroupKind | null;
  groupDescription: string | null;
  groupNickname: string | null;
  state: RequestState;
  step: Step | null;
  upn: string | null;
  userId: string | null;
  source: RequestSource;
  importId: number | null;
  importRow: number | null;
  attempts: number;
  nextAttemptAt: number;
  error: string | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  expiresAt: number | null;
  expiryNotifiedAt: number | null;
  disabledAt: number | null;
  deletedAt: number | null;
  credentialViewedAt: number | null;
}

export interface NewRequest {
  kind: RequestKind;
  template: string;
  address: string;
  givenName: string;
  surname: string;
  locale: string;
  groupId?: string;
  groupName?: string;
  groupKind?: GroupKind;
  groupDescription?: string;
  source: RequestSource;
  importId?: number;
  importRow?: number;
  /** Whether it goes straight to provisioning (no approval needed, or an administrator's import). */
  approved: boolean;
  /** Who decided when `approved` (an administrator's name, or `policy` for a template without approval). */
  decidedBy?: string;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export function toRequest(r: Selectable<AccountsRequestsTable>): AccountRequest {
  return {
    id: r.id,
    kind: r.kind,
    template: r.template,
    address: r.address,
    givenName: r.given_name,
    surname: r.surname,
    locale: r.locale,
    groupId: r.group_id,
    groupName: r.group_name,
    groupKind: r.group_kind,
    groupDescription: r.group_description,
    groupNickname: r.group_nickname,
    state: r.state,
    step: r.step,
    upn: r.upn,
    userId: r.user_id,
    source: r.source,
    importId: num(r.import_id),
    importRow: num(r.import_row),
    attempts: Number(r.attempts),
    nextAttemptAt: Number(r.next_attempt_at),
    error: r.error,
    reason: r.reason,
    decidedBy: r.decided_by,
    decidedAt: num(r.decided_at),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    finishedAt: num(r.finished_at),
    expiresAt: num(r.expires_at),
    expiryNotifiedAt: num(r.expiry_notified_at),
    disabledAt: num(r.disabled_at),
    deletedAt: num(r.deleted_at),
    credentialViewedAt: num(r.credential_viewed_at),
  };
}
