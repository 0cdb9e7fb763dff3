// Assembles what the dashboard shows from the running instance: every registered feature's jobs with
// their live state, the features' panels, the database, the dependency checks and the lease table.
import type { DashboardModel, DependencyRow, JobSummary } from '../console/model.js';
import { pingDatabase, type Store } from '../platform/db/index.js';
import type { JobInfo, JobStatus, RunningFeature } from '../platform/feature/index.js';
import type { CheckStatus, HealthRegistry } from '../platform/health/registry.js';
import type { LeaseStore } from '../platform/leases/index.js';
import { VERSION } from '../platform/version.js';
import type { Config } from './config.js';
import type { StartedFeature } from './features.js';
import { FEATURES, PLANNED_JOBS } from './registry.js';

export interface DashboardSources {
  mode: 'serve' | 'sandbox';
  instance: string;
  config: Config;
  store: Store;
  health: HealthRegistry;
  leases: LeaseStore;
  started: readonly StartedFeature[];
}

export async function dashboardModel(s: DashboardSources): Promise<DashboardModel> {
  const leases = await s.leases.list().catch(() => []);
  return {
    mode: s.mode,
    version: VERSION,
    instance: s.instance,
    database: await databaseRow(s.store),
    tenants: s.config.tenants.map((t) => ({
      name: t.name,
      tenantId: t.tenantId,
      authorityHost: t.authorityHost,
    })),
    dependencies: s.health.statuses().map(dependencyRow),
    jobs: await jobRows(s.started),
    // A feature with console pages of its own shows its tables there, not twice on the overview.
    panels: (
      await Promise.all(s.started.filter((f) => !f.running.console).map((f) => f.running.panels?.() ?? []))
    ).flat(),
    leases: leases.map((l) => ({
      name: l.name,
      owner: l.owner,
      mine: l.owner === s.instance,
      epoch: l.epoch,
      expiresAt: new Date(l.expiresAt).toISOString(),
    })),
    generatedAt: new Date().toISOString(),
  };
}

async function databaseRow(store: Store): Promise<DashboardModel['database']> {
  try {
    await pingDatabase(store.db);
    return { dialect: store.dialect, state: 'ok', detail: store.display };
  } catch (e) {
    return { dialect: store.dialect, state: 'failing', detail: (e as Error).message };
  }
}

function dependencyRow(s: CheckStatus): DependencyRow {
  const detail = s.error ? `${s.error.code ? `${s.error.code}: ` : ''}${s.error.message}` : '';
  return { name: s.name, state: s.state, detail, ...(s.checkedAt ? { checkedAt: s.checkedAt } : {}) };
}

/** Every registered feature's jobs, then the planned ones; a feature not started shows as turned off. */
async function jobRows(started: readonly StartedFeature[]): Promise<JobSummary[]> {
  const rows: JobSummary[] = [];
  for (const feature of FEATURES) {
    const running = started.find((s) => s.feature === feature)?.running;
    let live: Record<string, JobStatus> = {};
    let failure: string | undefined;
    try {
      live = (await running?.status?.()) ?? {};
    } catch (e) {
      failure = `Status unavailable: ${(e as Error).message}`;
    }
    // The state says "Disabled in configuration"; the detail says which key turns it on.
    const off = `Set ${feature.name}.enabled = true in the configuration to run it.`;
    for (const job of feature.jobs) rows.push({ ...job, ...jobState(job, running, live, failure, off) });
  }
  for (const job of PLANNED_JOBS)
    rows.push({ ...job, state: 'unavailable', detail: 'Not part of this version yet.' });
  return rows;
}

function jobState(
  job: JobInfo,
  running: RunningFeature | undefined,
  live: Record<string, JobStatus>,
  failure: string | undefined,
  off: string,
): JobStatus {
  if (!running) return { state: 'disabled', detail: off };
  if (failure) return { state: 'failing', detail: failure };
  return live[job.id] ?? { state: 'running', detail: '' };
}
