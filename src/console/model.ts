// The data the operator dashboard shows. The app assembles it from the registry's features, the
// health registry and the lease table; the dashboard itself imports no feature.
import type { JobInfo, JobState, JobStatus, Panel } from '../platform/feature/index.js';

export type { JobState, Panel };

/** A job's row: what it is, and how it is doing here. */
export type JobSummary = JobInfo & JobStatus;

export interface DependencyRow {
  name: string;
  state: 'unknown' | 'ok' | 'failing';
  /** The last failure's code and message; empty when the check passed or has not run. */
  detail: string;
  /** When the check last ran (ISO 8601); the page shows it as a time of its own. */
  checkedAt?: string;
}

export interface LeaseRow {
  name: string;
  owner: string;
  mine: boolean;
  epoch: number;
  expiresAt: string;
}

export interface DashboardModel {
  mode: 'sandbox' | 'serve';
  version: string;
  instance: string;
  database: { dialect: string; state: 'ok' | 'failing'; detail: string };
  tenants: Array<{ name: string; tenantId: string; authorityHost: string }>;
  dependencies: DependencyRow[];
  jobs: JobSummary[];
  /** Sections of the running features' own, after the platform's. */
  panels: Panel[];
  leases: LeaseRow[];
  generatedAt: string;
}
