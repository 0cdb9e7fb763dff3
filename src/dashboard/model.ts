// The data the operator dashboard shows. server.ts assembles it from the jobs, the health registry
// and the lease table; the dashboard itself imports no feature.

export type JobState =
  | 'running'
  | 'idle'
  | 'degraded'
  | 'failing'
  | 'disabled'
  | 'not-configured'
  | 'unavailable';

export interface JobSummary {
  id: string;
  title: string;
  /** What the job does, one sentence. */
  purpose: string;
  state: JobState;
  /** One line on why it is in this state or what it last did. */
  detail: string;
  /** Relative link to the operator guide. */
  docs?: string;
}

export interface DependencyRow {
  name: string;
  state: 'unknown' | 'ok' | 'failing';
  detail: string;
  checkedAt?: string;
}

export interface LeaseRow {
  name: string;
  owner: string;
  mine: boolean;
  epoch: number;
  expiresAt: string;
}

/** A report the phishing job set aside after repeated failures, with the last reason. */
export interface QuarantineRow {
  id: number;
  mailbox: string;
  attempts: number;
  reason: string;
  since: string;
}

export interface DashboardModel {
  mode: 'sandbox' | 'serve';
  version: string;
  instance: string;
  database: { dialect: string; state: 'ok' | 'failing'; detail: string };
  tenants: Array<{ name: string; tenantId: string; authorityHost: string }>;
  dependencies: DependencyRow[];
  jobs: JobSummary[];
  leases: LeaseRow[];
  /** Present when the phishing job runs. */
  quarantine?: QuarantineRow[];
  generatedAt: string;
}

export const STATE_LABELS: Record<JobState | DependencyRow['state'], string> = {
  running: 'Running',
  idle: 'Idle',
  degraded: 'Degraded',
  failing: 'Failing',
  disabled: 'Disabled',
  'not-configured': 'Not configured',
  unavailable: 'Not yet available',
  unknown: 'Not checked yet',
  ok: 'OK',
};
